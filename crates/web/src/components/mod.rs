//! The app's building blocks.

mod chips;
mod facet_group;
mod facets;
mod loading;
mod marked;
mod months;
mod overview;
mod reader;
mod results;
mod search_box;
mod toneless;
mod toolbar;

pub use chips::{Chips, ChipsProps};
pub use facet_group::{FacetGroup, FacetGroupProps, FindValues, FoundValues, SHOWN};
pub use facets::{FacetPanel, FacetPanelProps};
pub use loading::{LoadingStatus, LoadingStatusProps, SearchingStatus, SearchingStatusProps, SLOW_LOAD_MS};
pub use marked::{shown_marks, Marked, MarkedProps};
pub use months::{covered, MonthBars, MonthBarsProps};
pub use overview::{Overview, OverviewProps};
pub use reader::{safe_link, Reader, ReaderProps};
pub use results::{ResultList, ResultListProps};
pub use search_box::{SearchBox, SearchBoxProps};
pub use toneless::{contains_folded, fold};
pub use toolbar::{Toolbar, ToolbarProps};
