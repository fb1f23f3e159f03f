//! Where JSON error bodies keep their errors: the member names of each shape, in one place
//! for the three readers of them (the reader of a whole body and the one of a body cut
//! short, in `explain::body`, and the streaming [scan](super::error_body) of a body too long
//! to keep). Names match without regard to case, except in a body cut short.

/// A list of errors, or an object of them keyed by field (Rails, RFC 9457 extensions).
pub(crate) const ERRORS: &str = "errors";
/// ASP.NET Web API's errors keyed by field.
pub(crate) const MODEL_STATE: &str = "ModelState";
/// RFC 9457's example extension: a list of `name` and `reason`.
pub(crate) const INVALID_PARAMS: &str = "invalid-params";
/// An OAuth error code (RFC 6749 §5.2), or ABP's error object.
pub(crate) const ERROR: &str = "error";
/// The OAuth error's description.
pub(crate) const ERROR_DESCRIPTION: &str = "error_description";
/// ABP's list of errors, inside [`ERROR`].
pub(crate) const VALIDATION_ERRORS: &str = "validationErrors";
/// ABP's errors in words, inside [`ERROR`], when there is no list.
pub(crate) const DETAILS: &str = "details";
/// A key of errors keyed by field that names no field.
pub(crate) const NO_FIELD: &str = "base";

/// The top-level members the scan follows into: each holds an error list or errors keyed
/// by field (ABP's `error.validationErrors` besides).
pub(crate) const LISTS: [&str; 3] = [ERRORS, MODEL_STATE, INVALID_PARAMS];

/// ASP.NET Web API's HttpError: its message, detail and exception, whose presence (or
/// [`MODEL_STATE`]'s) marks the shape.
pub(crate) const ASPNET_MESSAGE: &str = "Message";
/// See [`ASPNET_MESSAGE`].
pub(crate) const ASPNET_DETAIL: &str = "MessageDetail";
/// See [`ASPNET_MESSAGE`].
pub(crate) const ASPNET_EXCEPTION: &str = "ExceptionMessage";
/// See [`ASPNET_MESSAGE`].
pub(crate) const ASPNET_EXCEPTION_TYPE: &str = "ExceptionType";

/// An error item's message, in the order a whole body's reader tries them.
pub(crate) const ITEM_MESSAGE: [&str; 4] = ["message", "detail", "reason", "description"];
/// The keys the scan takes an item's message from: [`ITEM_MESSAGE`], and `title` and `msg`
/// (FastAPI), whichever comes first in the item.
pub(crate) const SCAN_ITEM_MESSAGE: [&str; 6] =
    ["message", "detail", "reason", "title", "description", "msg"];
/// An error item's field, in the order a whole body's reader tries them.
pub(crate) const ITEM_FIELD: [&str; 6] = [
    "field",
    "param",
    "name",
    "propertyName",
    "property",
    "parameter",
];
/// An error item's field as a list of parts (ABP's `members`, FastAPI's `loc`), joined.
pub(crate) const ITEM_FIELD_PARTS: [&str; 3] = ["members", "memberNames", "loc"];
/// An error item's field as a JSON pointer (`#/age` → `age`).
pub(crate) const ITEM_POINTER: [&str; 2] = ["pointer", "source"];
/// The keys the scan takes an item's field from, whichever comes first in the item.
pub(crate) const SCAN_ITEM_FIELD: [&str; 6] = [
    "field",
    "param",
    "name",
    "propertyName",
    "property",
    "pointer",
];
/// The keys the scan joins an item's field from.
pub(crate) const SCAN_ITEM_FIELD_PARTS: [&str; 2] = ["members", "loc"];

/// The top-level members read from a JSON body cut short, as written (case counts).
pub(crate) const CUT_BODY: [&str; 10] = [
    ERRORS,
    ERROR,
    ERROR_DESCRIPTION,
    "message",
    ASPNET_MESSAGE,
    ASPNET_DETAIL,
    ASPNET_EXCEPTION,
    MODEL_STATE,
    "modelState",
    INVALID_PARAMS,
];
