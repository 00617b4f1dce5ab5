//! The one error type of the core. The binding layer turns each kind into one Python exception
//! class; messages are lower-case, name the thing at fault and, where there is one, the fix.

use std::fmt;

/// What went wrong, which decides the Python exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad dictionary data: an empty alias, a duplicate id, a missing field.
    Gazetteer,
    /// A saved file or pickle that is not ours, truncated, corrupt or from a newer version.
    Format,
    /// Text or an argument value that cannot be processed.
    Input,
}

/// An error from the gazetag core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of a kind with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into() }
    }

    /// Bad dictionary data.
    pub fn gazetteer(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Gazetteer, message)
    }

    /// A corrupt or unsupported saved file.
    pub fn format(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Format, message)
    }

    /// A bad argument or text.
    pub fn input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Input, message)
    }

    /// The kind of error, which picks the Python exception.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, naming the thing that is wrong and the fix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;
