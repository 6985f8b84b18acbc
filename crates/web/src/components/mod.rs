//! The app's building blocks.

mod chips;
mod facets;
mod marked;
mod overview;
mod reader;
mod results;
mod search_box;
mod toolbar;

pub use chips::{Chips, ChipsProps};
pub use facets::{FacetPanel, FacetPanelProps};
pub use marked::{shown_marks, Marked, MarkedProps};
pub use overview::{Overview, OverviewProps};
pub use reader::{Reader, ReaderProps};
pub use results::{ResultList, ResultListProps};
pub use search_box::{SearchBox, SearchBoxProps};
pub use toolbar::{Toolbar, ToolbarProps};
