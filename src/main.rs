use std::process::ExitCode;

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader of our output goes away (`| head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    skstep::app::install_panic_hook();
    // Deeply nested hostile traces are refused at 1023 levels; give the recursion room. A panic
    // (the hook has said it is a bug) ends the thread: exit INTERNAL.
    let internal = skstep::error::exit::INTERNAL;
    let code = match std::thread::Builder::new().stack_size(skstep::app::MAIN_STACK).spawn(skstep::app::main) {
        Ok(h) => h.join().unwrap_or(internal),
        Err(e) => {
            eprintln!("error: cannot start the main thread: {e}");
            internal
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(70))
}
