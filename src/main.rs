use std::process::ExitCode;

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader of our output goes away (`| head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Deeply nested hostile traces are refused at 1023 levels; give the recursion room.
    let code = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(skstep::app::main)
        .expect("spawn main thread")
        .join()
        .unwrap_or(skstep::error::exit::USAGE);
    ExitCode::from(code as u8)
}
