//! What the people in a meeting can ask for (commands), who is asking (actor), and why a
//! command can be refused. Commands carry what was typed as plain strings: the rules parse
//! them, so a refusal can say exactly which field was wrong.

use serde::{Deserialize, Serialize};

use super::follow_up::RoomAnswer;
use super::hosts::PersonRef;
use super::ids::{ActionId, AnswerId, ClusterId, CommandId, ParticipantId};
use super::text::TextError;
use super::together::TogetherCode;
use crate::content::model::PillarId;
use crate::domain::board::ActionStatus;
use crate::domain::phase::Phase;

/// Who sends a command. Established by the server from a key or a device cookie, never
/// taken from the command itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", content = "participant", rename_all = "snake_case")]
pub enum Actor {
    Host,
    /// The projector: may read, never change.
    Screen,
    Participant(ParticipantId),
}

/// The language a person uses; an answer keeps the one it was written in (so that the
/// projector and screen readers read it as that language). The phone speaks all seven.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Da,
    En,
    Ar,
    Uk,
    Pl,
    Tr,
    So,
}

impl Lang {
    pub const ALL: [Lang; 7] = [
        Lang::Da,
        Lang::En,
        Lang::Ar,
        Lang::Uk,
        Lang::Pl,
        Lang::Tr,
        Lang::So,
    ];

    /// The language's code (BCP 47), as in `lang` attributes and locale names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
            Lang::Ar => "ar",
            Lang::Uk => "uk",
            Lang::Pl => "pl",
            Lang::Tr => "tr",
            Lang::So => "so",
        }
    }

    /// The language of a locale code; Danish for one it does not know.
    pub fn from_code(code: &str) -> Lang {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code() == code)
            .unwrap_or_default()
    }
}

/// What dots are put on: a single answer, or a group of merged answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Answer(AnswerId),
    Cluster(ClusterId),
}

/// A command with the id that makes it safe to send again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: CommandId,
    pub command: Command,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Command {
    // A participant's commands.
    Join {
        #[serde(default)]
        name: Option<String>,
    },
    SubmitAnswer {
        answer: AnswerId,
        text: String,
        #[serde(default)]
        lang: Lang,
        /// In the café's harvest: the heading of the harvest form it goes under (0-based).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        heading: Option<u8>,
    },
    WithdrawAnswer {
        answer: AnswerId,
    },
    /// Puts `dots` dots on a target (0 takes them all back). Absolute, so a retry or a
    /// double tap cannot add more than was meant.
    SetDots {
        target: Target,
        dots: u8,
    },
    /// Offers to host a café table (or takes the offer back), before the first round; the
    /// name (optional) is shown to the leader only.
    Volunteer {
        willing: bool,
        #[serde(default)]
        name: String,
    },
    /// Makes this device the café table's own (a phone or tablet the table shares, from a
    /// printed table card): it stays at that table and writes for it.
    TableDevice {
        table: u16,
    },
    /// Sits at one table with others in the café (`together.rs`): `None` starts a group and
    /// gets its code, a code joins that group.
    SitTogether {
        #[serde(default)]
        code: Option<TogetherCode>,
    },
    /// Leaves the group one sits together with.
    LeaveTogether,
    /// About the action on the screen in a follow-up step: done, not yet or drop. One answer
    /// per person and action; a new one replaces it.
    AnswerFollowUp {
        item: usize,
        answer: RoomAnswer,
    },

    // The host's commands.
    GoTo {
        step: usize,
        phase: Phase,
    },
    SetVoteRules {
        budget: u8,
        cap: u8,
        tallies_live: bool,
    },
    /// Dots counted on paper or by hands in the room for one answer or group (people
    /// without a phone); 0 takes them away. Added to the phones' dots.
    SetPaperDots {
        target: Target,
        dots: u16,
    },
    HideAnswer {
        answer: AnswerId,
        hidden: bool,
    },
    /// Creates the group, or adds the answers to it and renames it.
    MergeAnswers {
        cluster: ClusterId,
        title: String,
        answers: Vec<AnswerId>,
    },
    Ungroup {
        answer: AnswerId,
    },
    /// Records a new action, or changes the one with this id.
    RecordAction {
        action: ActionId,
        what: String,
        owner: String,
        #[serde(default)]
        due: Option<String>,
        #[serde(default)]
        pillar: Option<PillarId>,
    },
    RemoveAction {
        action: ActionId,
    },
    /// Puts one of the follow-up step's actions on the screen (and on the phones).
    ShowFollowUp {
        item: usize,
    },
    /// Sets where one of the follow-up step's actions stands; the team's board follows.
    SetFollowUpStatus {
        item: usize,
        status: ActionStatus,
    },
    /// Someone at the café without a phone: seated and moved like everyone, shown on the
    /// projector by the name the host types (or as *gæst N*). The id is made by the console.
    AddGuest {
        guest: ParticipantId,
        #[serde(default)]
        name: String,
        /// The group the guest sits together with (a parent and the interpreter's phone).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        together: Option<TogetherCode>,
    },
    /// Keeps a volunteer as a table host, or passes them over, before the first round.
    ChooseHost {
        person: PersonRef,
        host: bool,
    },
    /// Keeps two people the console can name apart in every round seated from now on (or
    /// no longer).
    KeepApart {
        a: PersonRef,
        b: PersonRef,
        apart: bool,
    },
    /// How the café's tables are counted, before the first round: a number of tables (0:
    /// as many as the table size needs) and the most people at a table.
    SetTables {
        tables: u16,
        per_table: u8,
        /// Draw the hosts that are missing when too few volunteer.
        #[serde(default)]
        draw_hosts: bool,
        /// Stations: each table talks about one of a round's texts (`TableRule::stations`).
        #[serde(default)]
        stations: bool,
    },
    /// The café's harvest form: its headings (none: the usual three) and how many points a
    /// table writes under each.
    SetHarvest {
        #[serde(default)]
        headings: Vec<String>,
        limit: u8,
    },
    StartTimer {
        minutes: u8,
    },
    StopTimer,
    EndMeeting,
}

impl Command {
    /// Whether the command is the host's to give.
    pub fn is_host_command(&self) -> bool {
        !matches!(
            self,
            Command::Join { .. }
                | Command::SubmitAnswer { .. }
                | Command::WithdrawAnswer { .. }
                | Command::SetDots { .. }
                | Command::AnswerFollowUp { .. }
                | Command::Volunteer { .. }
                | Command::TableDevice { .. }
                | Command::SitTogether { .. }
                | Command::LeaveTogether
        )
    }
}

/// Which typed field a text problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Answer,
    ClusterTitle,
    ActionWhat,
    ActionOwner,
    Name,
    Heading,
}

/// Why a command was refused. Sent to the client, which says it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CommandError {
    #[error("only the host may do this")]
    HostOnly,
    #[error("the screen can only show the meeting")]
    ReadOnly,
    #[error("the host cannot take part as a participant")]
    ParticipantOnly,
    #[error("join the meeting first")]
    NotJoined,
    #[error("the meeting has ended")]
    MeetingEnded,
    #[error("this cannot be done while the step is in the {phase:?} phase")]
    PhaseClosed { phase: Phase },
    #[error("the agenda has no step {step}")]
    UnknownStep { step: usize },
    #[error("the step does not use the {phase:?} phase")]
    PhaseNotInStep { phase: Phase },
    #[error("no such answer")]
    UnknownAnswer,
    #[error("no such group")]
    UnknownCluster,
    #[error("no such answer or group to vote on")]
    UnknownTarget,
    #[error("the answer is hidden")]
    HiddenTarget,
    #[error("an answer or group with this id exists already")]
    DuplicateId,
    #[error("this is not your answer")]
    NotYourAnswer,
    #[error("every one of your {budget} dots is placed")]
    OverBudget { budget: u8 },
    #[error("at most {cap} dots on one answer")]
    OverCap { cap: u8 },
    #[error("someone has already voted on this, so it cannot be changed")]
    AlreadyVoted,
    #[error("at most {max} answers per person on one step")]
    TooManyAnswers { max: usize },
    #[error("{field:?}: {problem}")]
    Text { field: Field, problem: TextError },
    #[error("a due date is written YYYY-MM-DD")]
    DueDate,
    #[error("this meeting does not use names")]
    NamesOff,
    #[error("an answer's id must be random (UUID v4)")]
    IdNotRandom,
    #[error("the meeting has its {max} participants")]
    MeetingFull { max: u32 },
    #[error("a timer runs 1 to 30 minutes")]
    TimerMinutes,
    #[error("dots per person 1–20, at most that many per answer")]
    VoteRules,
    #[error("this step has no such action to follow up")]
    UnknownFollowUp,
    #[error("that action is no longer on the screen")]
    FollowUpNotShown,
    #[error("someone has already placed {used} dots")]
    BudgetBelowCast { used: u8 },
    #[error("someone has already placed {used} dots on one answer")]
    CapBelowCast { used: u8 },
    #[error("no such action")]
    UnknownAction,
    #[error("the group needs at least one answer")]
    EmptyCluster,
    #[error("this meeting has no café")]
    NotACafe,
    #[error("the café's first round has been seated")]
    CafeStarted,
    #[error("0 to {max} tables, 2 to 12 people at a table")]
    TableRule { max: u16 },
    #[error("the tables could not be planned")]
    CafePlan,
    #[error("the café has no table {table}")]
    NoSuchTable { table: u16 },
    #[error("the table has written {limit} points under this heading")]
    HarvestFull { limit: u8 },
    #[error("the harvest form has no such heading")]
    NoSuchHeading,
    #[error("the harvest has begun; its form cannot change now")]
    HarvestStarted,
    #[error("1 to {headings} headings, 1 to {limit} points under each")]
    HarvestForm { headings: u8, limit: u8 },
    #[error("0 to {max} dots from paper")]
    PaperDots { max: u16 },
    #[error("that person has not offered to host a table")]
    NotAVolunteer,
    #[error("choose two different people with a name")]
    UnknownPerson,
    #[error("no group sits together with that code")]
    NoSuchGroup,
    #[error("at most {max} sit together in a group")]
    GroupFull { max: u8 },
}
