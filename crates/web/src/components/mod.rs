//! The app's building blocks.

mod marked;
mod reader;
mod results;
mod search_box;

pub use marked::{Marked, MarkedProps};
pub use reader::{Reader, ReaderProps};
pub use results::{ResultList, ResultListProps};
pub use search_box::{SearchBox, SearchBoxProps};
