//! What a run is asked to do once its arguments are validated: an [`Action`], and for decoding a
//! [`Config`] (source, format, views, colour, language, pace) that the run reads and never checks
//! again.

use super::Generate;
use crate::capture::CaptureOptions;
use crate::explain::Verbosity;
use crate::lang::Lang;
use crate::render::hex::HexStyle;
use crate::replay::Pace;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tree,
    Json,
    OneLine,
}

/// What to do, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// List the interfaces, with the words in this language.
    ListInterfaces(Lang),
    /// `portlens demo --list`.
    ListSamples,
    /// `portlens doctor`.
    Doctor,
    Decode(Config),
    Generate(Generate),
}

/// The views shown beside the main format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Views {
    /// Show each packet (false when `--stats` is asked for alone).
    pub packets: bool,
    /// A hex dump beneath each packet.
    pub hex: Option<HexStyle>,
    /// Header diagrams beneath each packet.
    pub diagram: bool,
    /// Statistics at the end of the run.
    pub stats: bool,
    /// A progress bar may be drawn on standard error: the output does not go to the terminal,
    /// or only statistics will be printed, and it is not JSON. (The bar still needs standard
    /// error to be a terminal and a file big enough to wait for.)
    pub progress: bool,
}

impl Default for Views {
    fn default() -> Self {
        Views {
            packets: true,
            hex: None,
            diagram: false,
            stats: false,
            progress: false,
        }
    }
}

/// A validated run configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub capture: CaptureOptions,
    pub count: Option<u64>,
    pub format: Format,
    pub color: bool,
    /// How much each explanation says (`-q`, `-v`). Not to be confused with the
    /// [`Depth`](crate::explain::Depth) of explanation a view needs, which the run asks the
    /// renderers for.
    pub verbosity: Verbosity,
    /// Show the conversations table at the end.
    pub conversations: bool,
    /// How fast packets reach the screen (`--step`, `--realtime`).
    pub pace: Pace,
    /// The language of the explanations and of the words around them.
    pub lang: Lang,
    pub views: Views,
}
