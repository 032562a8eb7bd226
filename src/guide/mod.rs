//! Decision-tree guides and the session that walks them. Pure: no I/O beyond reading guide text
//! handed in, no UI.

pub mod model;
