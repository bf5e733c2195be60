//! Safe contact: the one rule that decides whether, how and when a message may reach a
//! reporter, victim or witness, in London local time.
//!
//! Every message goes through [`decide`], at the moment it would be sent (so a change of the
//! victim's wishes after it was written is honoured). The rule:
//!
//! - an anonymous reporter, or one who left no contact details, is never contacted;
//! - only a channel the victim allowed is used; none allowed means they have not been asked yet,
//!   so nothing is sent automatically until first contact records their wishes;
//! - a phone call is never made by the machine: it becomes a call task on the officer's list;
//! - only within their safe times, read in London local time; times the machine cannot read
//!   ("when he is at work") mean nothing automatic until a person has agreed them;
//! - "someone else may see my phone or messages" means the message says nothing but a neutral
//!   prompt, with no force, crime or case named;
//! - a message that cannot be sent safely now waits, with the reason, and once it has waited
//!   past its due time it becomes a call task instead.

use jiff::civil::{Time, Weekday};
use time::OffsetDateTime;

use crate::submission::{Contact, ContactChannel, SafeContact};

/// Which days a safe window covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Days {
    /// Monday to Friday.
    Weekdays,
    /// Saturday and Sunday.
    Weekends,
    /// Every day.
    EveryDay,
}

impl Days {
    fn covers(self, day: Weekday) -> bool {
        let weekend = matches!(day, Weekday::Saturday | Weekday::Sunday);
        match self {
            Days::Weekdays => !weekend,
            Days::Weekends => weekend,
            Days::EveryDay => true,
        }
    }
}

/// When it is safe to send, as the machine understands the victim's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeTimes {
    /// No limit was given.
    Any,
    /// On these days, from one London time to another (a window past midnight runs over it).
    Window {
        /// The days.
        days: Days,
        /// From (inclusive).
        from: Time,
        /// To (exclusive).
        to: Time,
    },
    /// Words the machine cannot read as a window; a person must agree the times.
    Unclear,
}

impl SafeTimes {
    /// Reads safe times as people write them: empty or "any time"; or an optional day word
    /// ("weekdays", "weekends", "every day", "daily", "mon-fri") and a range
    /// ("9am to 3pm", "09:00-15:00", "9.30 - 14", "between 6pm and 9pm").
    pub fn read(text: &str) -> SafeTimes {
        let lower = text.trim().to_ascii_lowercase();
        if lower.is_empty()
            || matches!(
                lower.as_str(),
                "any time" | "anytime" | "any" | "at any time" | "whenever"
            )
        {
            return SafeTimes::Any;
        }
        let (days, rest) = days_prefix(&lower);
        let rest = rest.trim().trim_start_matches("between").trim();
        let rest = rest.trim_start_matches("from").trim();
        let split = rest
            .split_once(" to ")
            .or_else(|| rest.split_once(" and "))
            .or_else(|| rest.split_once('-'))
            .or_else(|| rest.split_once(" until "));
        let Some((from, to)) = split else {
            return SafeTimes::Unclear;
        };
        let (from_text, to_text) = (from.trim(), to.trim());
        let (Some(mut from), Some(mut to)) = (time_of_day(from_text), time_of_day(to_text)) else {
            return SafeTimes::Unclear;
        };
        let has_half = |t: &str| t.ends_with("am") || t.ends_with("pm");
        // "9 to 3", "9-5": a bare end hour that would run past midnight means the afternoon.
        // A window past midnight is taken only when written so ("10pm to 2am", "22:00-02:00").
        if from > to && !has_half(to_text) && to.hour() < 12 && to.hour() + 12 > from.hour() {
            to = Time::new(to.hour() + 12, to.minute(), 0, 0).unwrap_or(to);
        }
        // "6 to 9pm": a bare hour before a pm time it could not otherwise precede by so much.
        let bare = !has_half(from_text);
        if bare && to_text.ends_with("pm") && from.hour() < 12 && from.hour() + 12 < to.hour() {
            from = Time::new(from.hour() + 12, from.minute(), 0, 0).unwrap_or(from);
        }
        if from == to {
            return SafeTimes::Unclear;
        }
        SafeTimes::Window { days, from, to }
    }

    /// Whether a London wall-clock moment is inside.
    fn contains(&self, at: jiff::civil::DateTime) -> bool {
        match self {
            SafeTimes::Any => true,
            SafeTimes::Unclear => false,
            SafeTimes::Window { days, from, to } => {
                let time = at.time();
                if from < to {
                    days.covers(at.weekday()) && time >= *from && time < *to
                } else if time >= *from {
                    days.covers(at.weekday())
                } else {
                    // After midnight in a window that began the evening before.
                    time < *to && days.covers(at.weekday().previous())
                }
            }
        }
    }

    /// The next moment after `now` that is inside, within a week.
    fn next_start(&self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        let SafeTimes::Window { days, from, .. } = self else {
            return None;
        };
        let today = crate::london::local(now).date();
        (0..8)
            .filter_map(|n| today.checked_add(jiff::Span::new().days(n)).ok())
            .filter(|date| days.covers(date.weekday()))
            .filter_map(|date| crate::london::instant(date.to_datetime(*from)))
            .find(|start| *start > now)
    }
}

fn days_prefix(text: &str) -> (Days, &str) {
    const WORDS: [(&str, Days); 10] = [
        ("weekdays", Days::Weekdays),
        ("weekday", Days::Weekdays),
        ("mon-fri", Days::Weekdays),
        ("monday to friday", Days::Weekdays),
        ("weekends", Days::Weekends),
        ("weekend", Days::Weekends),
        ("every day", Days::EveryDay),
        ("everyday", Days::EveryDay),
        ("daily", Days::EveryDay),
        ("any day", Days::EveryDay),
    ];
    for (word, days) in WORDS {
        if let Some(rest) = text.strip_prefix(word) {
            return (days, rest.trim_start_matches([',', ':']).trim());
        }
    }
    (Days::EveryDay, text)
}

/// "9", "9am", "9.30pm", "09:30", "21:00", "12pm" (noon), "12am" (midnight).
fn time_of_day(text: &str) -> Option<Time> {
    let text = text.trim();
    let (digits, half) = if let Some(d) = text.strip_suffix("am") {
        (d.trim(), Some(false))
    } else if let Some(d) = text.strip_suffix("pm") {
        (d.trim(), Some(true))
    } else {
        (text, None)
    };
    let (hour, minute) = match digits.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<i8>().ok()?, m.parse::<i8>().ok()?),
        None => (digits.parse::<i8>().ok()?, 0),
    };
    if !(0..60).contains(&minute) {
        return None;
    }
    let hour = match half {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            }
        }
        None if (0..24).contains(&hour) => hour,
        None => return None,
    };
    Time::new(hour, minute, 0, 0).ok()
}

/// Who a message is for, as far as safe contact goes.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    /// Their contact details; `None` when they stayed anonymous.
    pub contact: Option<&'a Contact>,
    /// Their wishes.
    pub wishes: &'a SafeContact,
}

/// The automatic channels this Peel can send on. A neutral prompt needs a sender that names no
/// force either (an email address, a text sender), so it has channels of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Senders {
    /// Email (SMTP or GOV.UK Notify).
    pub email: bool,
    /// Text message (GOV.UK Notify).
    pub text: bool,
    /// Email from a neutral address.
    pub neutral_email: bool,
    /// Text messages from a neutral sender.
    pub neutral_text: bool,
}

/// What a message may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Everything written.
    Full,
    /// Only a neutral prompt naming no force, crime or case.
    NeutralPrompt,
}

/// Why a message waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// They have not yet said which channels are safe.
    ChannelsNotAgreed,
    /// It is outside their safe times.
    OutsideSafeTimes,
    /// Their safe times need a person to agree them.
    SafeTimesUnclear,
    /// No allowed channel has a contact detail, or this Peel cannot send on it.
    NoAllowedChannel,
}

impl WaitReason {
    /// The stable slug, stored with the message.
    pub fn slug(self) -> &'static str {
        match self {
            WaitReason::ChannelsNotAgreed => "channels_not_agreed",
            WaitReason::OutsideSafeTimes => "outside_safe_times",
            WaitReason::SafeTimesUnclear => "safe_times_unclear",
            WaitReason::NoAllowedChannel => "no_allowed_channel",
        }
    }

    /// The reason in words, for the case page.
    pub fn words(self) -> &'static str {
        match self {
            WaitReason::ChannelsNotAgreed => {
                "Waiting: they have not said how it is safe to contact them; ask at first contact"
            }
            WaitReason::OutsideSafeTimes => "Waiting for their safe times",
            WaitReason::SafeTimesUnclear => {
                "Waiting: their safe times need agreeing with them before anything is sent"
            }
            WaitReason::NoAllowedChannel => {
                "Waiting: no channel they allowed can be used (no detail given, or not set up here)"
            }
        }
    }

    /// Reads a slug back.
    pub fn parse(slug: &str) -> Option<WaitReason> {
        [
            WaitReason::ChannelsNotAgreed,
            WaitReason::OutsideSafeTimes,
            WaitReason::SafeTimesUnclear,
            WaitReason::NoAllowedChannel,
        ]
        .into_iter()
        .find(|r| r.slug() == slug)
    }
}

/// The decision for one message now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send it now, on this channel, to this address or number.
    Send {
        /// Email or text.
        channel: ContactChannel,
        /// The address or number.
        to: String,
        /// What it may say.
        content: Content,
    },
    /// Not now; try again at `retry_at` (or when something changes).
    Wait {
        /// Why.
        reason: WaitReason,
        /// When the window opens, if known.
        retry_at: Option<OffsetDateTime>,
    },
    /// A person must make contact by phone: the machine never calls.
    CallTask {
        /// Why it came to this.
        why: &'static str,
        /// "Do not leave a voicemail", shown on every call task when asked.
        no_voicemail: bool,
    },
    /// Never: anonymous, or no way to reach them.
    Never(&'static str),
}

/// Decides whether a message due at `due` may go now.
pub fn decide(
    recipient: Recipient<'_>,
    senders: Senders,
    now: OffsetDateTime,
    due: OffsetDateTime,
) -> Decision {
    let Some(contact) = recipient.contact else {
        return Decision::Never("the reporter stayed anonymous and is never contacted");
    };
    let wishes = recipient.wishes;
    if contact.email.is_none() && contact.phone.is_none() {
        return Decision::Never("the reporter left no contact details");
    }
    let no_voicemail = wishes.no_voicemail;
    let late = now > due;
    let phone_allowed =
        wishes.channels.is_empty() || wishes.channels.contains(&ContactChannel::Phone);
    let wait = |reason: WaitReason, retry_at: Option<OffsetDateTime>| {
        if late {
            Decision::CallTask {
                why: if phone_allowed {
                    "it could not be sent safely by its due time"
                } else {
                    "it could not be sent safely by its due time, and they did not allow phone calls: reach them only in the ways they allowed"
                },
                no_voicemail,
            }
        } else {
            Decision::Wait { reason, retry_at }
        }
    };
    if wishes.channels.is_empty() {
        return wait(WaitReason::ChannelsNotAgreed, None);
    }
    let shared = wishes.shared_device;
    let (email, text) = if shared {
        (senders.neutral_email, senders.neutral_text)
    } else {
        (senders.email, senders.text)
    };
    let usable = wishes.channels.iter().find_map(|channel| match channel {
        ContactChannel::Email if email => contact.email.clone().map(|to| (*channel, to)),
        ContactChannel::Text if text => contact.phone.clone().map(|to| (*channel, to)),
        _ => None,
    });
    let Some((channel, to)) = usable else {
        if wishes.channels.contains(&ContactChannel::Phone) && contact.phone.is_some() {
            return Decision::CallTask {
                why: "a phone call is the only safe way they allowed",
                no_voicemail,
            };
        }
        return wait(WaitReason::NoAllowedChannel, None);
    };
    let times = SafeTimes::read(&wishes.safe_times);
    if times == SafeTimes::Unclear {
        return wait(WaitReason::SafeTimesUnclear, None);
    }
    if !times.contains(crate::london::local(now)) {
        return wait(WaitReason::OutsideSafeTimes, times.next_start(now));
    }
    Decision::Send {
        channel,
        to,
        content: if wishes.shared_device {
            Content::NeutralPrompt
        } else {
            Content::Full
        },
    }
}

/// Someone other than the reporter a message is for (a witness asked for their doorbell
/// video): one address or number, on one channel, given by the officer who writes to them. No
/// wishes of theirs are known, so nothing waits for safe times; nothing is ever phoned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    /// Email or text.
    pub channel: ContactChannel,
    /// The address, or the number as digits.
    pub to: String,
}

impl Addressee {
    /// An addressee on `channel` ("email" or "text") at `to`; `Err` says what is wrong.
    pub fn parse(channel: &str, to: &str) -> Result<Addressee, &'static str> {
        let to = to.trim();
        match ContactChannel::parse(channel) {
            Some(ContactChannel::Email) if crate::submission::valid_email(to) => Ok(Addressee {
                channel: ContactChannel::Email,
                to: to.to_owned(),
            }),
            Some(ContactChannel::Email) => Err("Enter an email address, like name@example.com"),
            Some(ContactChannel::Text) => crate::submission::normalise_phone(to)
                .map(|to| Addressee {
                    channel: ContactChannel::Text,
                    to,
                })
                .ok_or("Enter a mobile number, like 07700 900123"),
            Some(ContactChannel::Phone) | None => Err("Choose email or text message"),
        }
    }

    /// As stored: `email:ADDRESS` or `text:NUMBER`.
    pub fn stored(&self) -> String {
        format!("{}:{}", self.channel.slug(), self.to)
    }

    /// Reads [`Addressee::stored`] back.
    pub fn read(stored: &str) -> Option<Addressee> {
        let (channel, to) = stored.split_once(':')?;
        Addressee::parse(channel, to).ok()
    }

    /// How the trail names them: the channel and a masked address ("a witness, by email to
    /// j…@example.org"), so the trail does not repeat a third party's full details.
    pub fn masked(&self) -> String {
        let shown = match self.channel {
            ContactChannel::Email => match self.to.split_once('@') {
                Some((local, domain)) => {
                    format!("{}…@{domain}", local.chars().next().unwrap_or('?'))
                }
                None => "…".to_owned(),
            },
            _ => {
                let count = self.to.chars().count();
                let tail: String = self.to.chars().skip(count.saturating_sub(3)).collect();
                format!("…{tail}")
            }
        };
        format!("{} to {shown}", self.channel.slug())
    }
}

/// Decides a message to an [`Addressee`]: sent in full at once on their channel when this
/// Peel has a provider for it, otherwise never (there is no one to phone).
pub fn decide_addressee(addressee: &Addressee, senders: Senders) -> Decision {
    let provided = match addressee.channel {
        ContactChannel::Email => senders.email,
        ContactChannel::Text => senders.text,
        ContactChannel::Phone => false,
    };
    if !provided {
        return Decision::Never("no provider is set up here for the channel given for them");
    }
    Decision::Send {
        channel: addressee.channel,
        to: addressee.to.clone(),
        content: Content::Full,
    }
}

/// The channels an officer may choose from when recording how they made contact: those the
/// victim allowed that have a detail (phone also for text, in person always); before the victim
/// has said, every channel with a detail.
pub fn allowed_methods(
    contact: Option<&Contact>,
    wishes: &SafeContact,
) -> Vec<crate::submission::ContactMethod> {
    use crate::submission::ContactMethod;
    let Some(contact) = contact else {
        return vec![ContactMethod::InPerson];
    };
    let has = |channel: ContactChannel| match channel {
        ContactChannel::Email => contact.email.is_some(),
        ContactChannel::Phone | ContactChannel::Text => contact.phone.is_some(),
    };
    let allowed = |channel: ContactChannel| {
        has(channel) && (wishes.channels.is_empty() || wishes.channels.contains(&channel))
    };
    let mut methods = Vec::new();
    for (channel, method) in [
        (ContactChannel::Phone, ContactMethod::Phone),
        (ContactChannel::Email, ContactMethod::Email),
        (ContactChannel::Text, ContactMethod::Text),
    ] {
        if allowed(channel) {
            methods.push(method);
        }
    }
    methods.push(ContactMethod::InPerson);
    methods
}

#[cfg(test)]
mod tests;
