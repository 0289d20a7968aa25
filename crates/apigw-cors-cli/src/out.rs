//! Standard output that a closed pipe cannot turn into a panic.
//!
//! Rust ignores SIGPIPE, so `println!` panics when the reader has gone (`apigw-cors generate … |
//! head`). Output goes through [`out!`] and [`outln!`] instead, and a closed pipe ends the
//! command quietly with the status a shell gives a command killed by SIGPIPE (141).

use std::io::{self, Write};

/// The exit status of a command whose output pipe was closed (128 + SIGPIPE).
const CLOSED_PIPE_STATUS: i32 = 141;

/// Writes to standard output; ends the process quietly if the reader has gone.
pub fn write(arguments: std::fmt::Arguments<'_>) {
    let mut stdout = io::stdout().lock();
    let written = stdout.write_fmt(arguments).and_then(|()| stdout.flush());
    if let Err(error) = written {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(CLOSED_PIPE_STATUS);
        }
        eprintln!("error: cannot write the output: {error}");
        std::process::exit(1);
    }
}

/// `print!` that survives a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::out::write(format_args!($($arg)*))
    };
}

/// `println!` that survives a closed pipe.
macro_rules! outln {
    () => {
        $crate::out::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::out::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, outln};
