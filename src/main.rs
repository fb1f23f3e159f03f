//! The `hike-status` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    hike_status::run::main_with_args(std::env::args_os())
}
