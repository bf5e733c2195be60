use time::macros::datetime;

use super::*;
use crate::submission::ContactMethod;

fn contact(email: bool, phone: bool) -> Contact {
    Contact {
        name: Some("Sam".into()),
        email: email.then(|| "sam@example.org".to_owned()),
        phone: phone.then(|| "+447700900123".to_owned()),
    }
}

fn wishes(channels: &[ContactChannel], times: &str, shared: bool) -> SafeContact {
    SafeContact {
        channels: channels.to_vec(),
        safe_times: times.to_owned(),
        no_voicemail: true,
        shared_device: shared,
    }
}

const BOTH: Senders = Senders {
    email: true,
    text: true,
    neutral_email: true,
    neutral_text: true,
};
/// Tuesday 1 December 2026, 10:00 in London (GMT).
const TUESDAY_10: OffsetDateTime = datetime!(2026-12-01 10:00 UTC);
/// Tuesday, 20:00 in London.
const TUESDAY_20: OffsetDateTime = datetime!(2026-12-01 20:00 UTC);
/// Saturday 5 December, 10:00.
const SATURDAY_10: OffsetDateTime = datetime!(2026-12-05 10:00 UTC);

#[derive(Debug, PartialEq)]
enum Expect {
    Send(ContactChannel, Content),
    Wait(WaitReason),
    Call,
    Never,
}

fn shape(decision: &Decision) -> Expect {
    match decision {
        Decision::Send {
            channel, content, ..
        } => Expect::Send(*channel, *content),
        Decision::Wait { reason, .. } => Expect::Wait(*reason),
        Decision::CallTask { .. } => Expect::Call,
        Decision::Never(_) => Expect::Never,
    }
}

/// One row: name, anonymous, channels, safe times, shared device, now, due, expected.
type Row = (
    &'static str,
    bool,
    &'static [ContactChannel],
    &'static str,
    bool,
    OffsetDateTime,
    OffsetDateTime,
    Expect,
);

/// channels × times × shared device × anonymous × urgency (due yet or past).
#[test]
fn the_safe_contact_table() {
    use ContactChannel::{Email, Phone, Text};
    use Expect::*;
    let future = datetime!(2026-12-08 10:00 UTC);
    let past = datetime!(2026-11-30 10:00 UTC);
    #[rustfmt::skip]
    let rows: &[Row] = &[
        // name, anonymous, channels, safe times, shared device, now, due, expected
        ("anonymous never", true, &[Email], "", false, TUESDAY_10, future, Never),
        ("anonymous never, even overdue", true, &[Email], "", false, TUESDAY_10, past, Never),
        ("email allowed any time", false, &[Email], "", false, TUESDAY_10, future, Send(Email, Content::Full)),
        ("email, shared device: neutral", false, &[Email], "", true, TUESDAY_10, future, Send(Email, Content::NeutralPrompt)),
        ("text only: by text", false, &[Text], "", false, TUESDAY_10, future, Send(Text, Content::Full)),
        ("text, shared: neutral text", false, &[Text], "", true, TUESDAY_10, future, Send(Text, Content::NeutralPrompt)),
        ("phone only: a call task", false, &[Phone], "", false, TUESDAY_10, future, Call),
        ("nothing ticked: wait to ask", false, &[], "", false, TUESDAY_10, future, Wait(WaitReason::ChannelsNotAgreed)),
        ("nothing ticked, overdue: call task", false, &[], "", false, TUESDAY_10, past, Call),
        ("inside weekday window", false, &[Email], "weekdays 9am to 3pm", false, TUESDAY_10, future, Send(Email, Content::Full)),
        ("outside weekday window", false, &[Email], "weekdays 9am to 3pm", false, TUESDAY_20, future, Wait(WaitReason::OutsideSafeTimes)),
        ("weekday window on a Saturday", false, &[Email], "weekdays 9am to 3pm", false, SATURDAY_10, future, Wait(WaitReason::OutsideSafeTimes)),
        ("outside window, overdue: call task", false, &[Email], "weekdays 9am to 3pm", false, TUESDAY_20, past, Call),
        ("evening window", false, &[Text], "every day 6 to 9pm", false, TUESDAY_20, future, Send(Text, Content::Full)),
        ("unclear times wait", false, &[Email], "when he is at work", false, TUESDAY_10, future, Wait(WaitReason::SafeTimesUnclear)),
        ("unclear times, overdue: call", false, &[Email], "when he is at work", false, TUESDAY_10, past, Call),
        ("email first in their order", false, &[Email, Text], "", false, TUESDAY_10, future, Send(Email, Content::Full)),
        ("text first in their order", false, &[Text, Email], "", false, TUESDAY_10, future, Send(Text, Content::Full)),
        ("shared device outside window still waits", false, &[Text], "weekends", true, TUESDAY_10, future, Wait(WaitReason::SafeTimesUnclear)),
    ];
    for (name, anonymous, channels, times, shared, now, due, expected) in rows {
        let detail = contact(true, true);
        let wishes = wishes(channels, times, *shared);
        let recipient = Recipient {
            contact: (!anonymous).then_some(&detail),
            wishes: &wishes,
        };
        let decision = decide(recipient, BOTH, *now, *due);
        assert_eq!(&shape(&decision), expected, "{name}: {decision:?}");
    }
}

#[test]
fn a_channel_without_its_detail_or_sender_is_not_used() {
    let only_phone = contact(false, true);
    let email_only = wishes(&[ContactChannel::Email], "", false);
    let recipient = Recipient {
        contact: Some(&only_phone),
        wishes: &email_only,
    };
    let future = datetime!(2026-12-08 10:00 UTC);
    assert_eq!(
        shape(&decide(recipient, BOTH, TUESDAY_10, future)),
        Expect::Wait(WaitReason::NoAllowedChannel)
    );
    let detail = contact(true, true);
    let text_only = wishes(&[ContactChannel::Text], "", false);
    let recipient = Recipient {
        contact: Some(&detail),
        wishes: &text_only,
    };
    let no_notify = Senders {
        email: true,
        text: false,
        ..BOTH
    };
    assert_eq!(
        shape(&decide(recipient, no_notify, TUESDAY_10, future)),
        Expect::Wait(WaitReason::NoAllowedChannel),
        "text allowed but no text sender: never falls back to email"
    );
}

#[test]
fn a_neutral_prompt_goes_only_from_a_sender_that_names_no_force() {
    let detail = contact(true, true);
    let shared = wishes(&[ContactChannel::Email], "", true);
    let recipient = Recipient {
        contact: Some(&detail),
        wishes: &shared,
    };
    let branded_only = Senders {
        neutral_email: false,
        neutral_text: false,
        ..BOTH
    };
    let future = datetime!(2026-12-08 10:00 UTC);
    assert_eq!(
        shape(&decide(recipient, branded_only, TUESDAY_10, future)),
        Expect::Wait(WaitReason::NoAllowedChannel),
        "the force's own address would give it away"
    );
    assert_eq!(
        shape(&decide(
            recipient,
            branded_only,
            TUESDAY_10,
            datetime!(2026-11-30 10:00 UTC)
        )),
        Expect::Call,
        "and past its due time a person calls instead"
    );
}

#[test]
fn every_call_task_carries_the_voicemail_wish() {
    let detail = contact(false, true);
    let phone = wishes(&[ContactChannel::Phone], "", false);
    let decision = decide(
        Recipient {
            contact: Some(&detail),
            wishes: &phone,
        },
        BOTH,
        TUESDAY_10,
        TUESDAY_10,
    );
    assert!(matches!(
        decision,
        Decision::CallTask {
            no_voicemail: true,
            ..
        }
    ));
}

#[test]
fn waiting_for_a_window_says_when_it_opens_in_london_time() {
    let detail = contact(true, false);
    let evenings = wishes(&[ContactChannel::Email], "weekdays 18:00-21:00", false);
    // Summer: 18:00 in London is 17:00 UTC.
    let now = datetime!(2026-07-07 09:00 UTC);
    let decision = decide(
        Recipient {
            contact: Some(&detail),
            wishes: &evenings,
        },
        BOTH,
        now,
        datetime!(2026-07-14 09:00 UTC),
    );
    assert_eq!(
        decision,
        Decision::Wait {
            reason: WaitReason::OutsideSafeTimes,
            retry_at: Some(datetime!(2026-07-07 17:00 UTC)),
        }
    );
}

#[test]
fn safe_times_are_read_as_people_write_them() {
    use jiff::civil::time;
    let window = |days, from: Time, to: Time| SafeTimes::Window { days, from, to };
    assert_eq!(SafeTimes::read(""), SafeTimes::Any);
    assert_eq!(SafeTimes::read("Any time"), SafeTimes::Any);
    assert_eq!(
        SafeTimes::read("weekdays 9am to 3pm"),
        window(Days::Weekdays, time(9, 0, 0, 0), time(15, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("9 to 3pm"),
        window(Days::EveryDay, time(9, 0, 0, 0), time(15, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("Every day, 6 to 9pm"),
        window(Days::EveryDay, time(18, 0, 0, 0), time(21, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("between 9.30 and 14:00"),
        window(Days::EveryDay, time(9, 30, 0, 0), time(14, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("weekends 22:00-02:00"),
        window(Days::Weekends, time(22, 0, 0, 0), time(2, 0, 0, 0))
    );
    // Finding of the review: bare hours never make a window that runs through the night.
    assert_eq!(
        SafeTimes::read("weekdays 9 to 3"),
        window(Days::Weekdays, time(9, 0, 0, 0), time(15, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("9-5"),
        window(Days::EveryDay, time(9, 0, 0, 0), time(17, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("10 to 2"),
        window(Days::EveryDay, time(10, 0, 0, 0), time(14, 0, 0, 0))
    );
    assert_eq!(
        SafeTimes::read("10pm to 2am"),
        window(Days::EveryDay, time(22, 0, 0, 0), time(2, 0, 0, 0))
    );
    assert_eq!(SafeTimes::read("when he is out"), SafeTimes::Unclear);
    assert_eq!(SafeTimes::read("25:00-26:00"), SafeTimes::Unclear);
    assert_eq!(SafeTimes::read("9-9"), SafeTimes::Unclear);
}

#[test]
fn a_window_past_midnight_covers_the_small_hours_of_the_next_day() {
    let window = SafeTimes::read("weekdays 22:00-02:00");
    // Friday 23:00 and Saturday 01:00 are inside; Saturday 23:00 is not.
    assert!(window.contains(crate::london::local(datetime!(2026-12-04 23:00 UTC))));
    assert!(window.contains(crate::london::local(datetime!(2026-12-05 01:00 UTC))));
    assert!(!window.contains(crate::london::local(datetime!(2026-12-05 23:00 UTC))));
}

#[test]
fn the_officer_is_offered_only_the_channels_allowed() {
    let detail = contact(true, true);
    let text_only = wishes(&[ContactChannel::Text], "", false);
    assert_eq!(
        allowed_methods(Some(&detail), &text_only),
        vec![ContactMethod::Text, ContactMethod::InPerson]
    );
    let not_asked = wishes(&[], "", false);
    assert_eq!(
        allowed_methods(Some(&contact(true, false)), &not_asked),
        vec![ContactMethod::Email, ContactMethod::InPerson]
    );
    assert_eq!(
        allowed_methods(None, &not_asked),
        vec![ContactMethod::InPerson]
    );
}

proptest::proptest! {
    #[test]
    fn reading_safe_times_never_panics(text in "\\PC{0,40}") {
        let _ = SafeTimes::read(&text);
    }
}

#[test]
fn a_late_message_for_someone_who_ruled_out_calls_says_so_on_its_call_task() {
    let detail = contact(true, true);
    let email_only = wishes(&[ContactChannel::Email], "when he is at work", false);
    let decision = decide(
        Recipient {
            contact: Some(&detail),
            wishes: &email_only,
        },
        BOTH,
        TUESDAY_10,
        datetime!(2026-11-30 10:00 UTC),
    );
    let Decision::CallTask { why, .. } = decision else {
        panic!("{decision:?}");
    };
    assert!(why.contains("did not allow phone calls"), "{why}");
}

#[test]
fn an_addressee_is_an_email_address_or_a_mobile_number_and_reads_back_as_stored() {
    let email = Addressee::parse("email", " jo@example.org ").unwrap();
    assert_eq!(email.to, "jo@example.org");
    assert_eq!(Addressee::read(&email.stored()), Some(email.clone()));
    assert_eq!(email.masked(), "email to j…@example.org");
    let text = Addressee::parse("text", "07700 900123").unwrap();
    assert_eq!(text.to, "07700900123");
    assert_eq!(Addressee::read(&text.stored()), Some(text.clone()));
    assert_eq!(text.masked(), "text to …123");
    assert!(Addressee::parse("email", "not an address").is_err());
    assert!(Addressee::parse("text", "12").is_err());
    assert!(
        Addressee::parse("phone", "07700 900123").is_err(),
        "nothing is phoned"
    );
    assert_eq!(Addressee::read("carrier-pigeon:loft"), None);
}

#[test]
fn a_message_to_an_addressee_goes_in_full_at_once_or_never() {
    let email = Addressee::parse("email", "jo@example.org").unwrap();
    assert_eq!(
        decide_addressee(&email, BOTH),
        Decision::Send {
            channel: ContactChannel::Email,
            to: "jo@example.org".into(),
            content: Content::Full,
        }
    );
    let text = Addressee::parse("text", "07700900123").unwrap();
    let email_only = Senders {
        text: false,
        ..BOTH
    };
    assert!(matches!(
        decide_addressee(&text, email_only),
        Decision::Never(_)
    ));
}

proptest::proptest! {
    #[test]
    fn an_addressee_read_back_is_the_one_stored(channel in "(email|text|sms|phone|x)", to in "\\PC{0,30}") {
        if let Ok(a) = Addressee::parse(&channel, &to) {
            proptest::prop_assert_eq!(Addressee::read(&a.stored()), Some(a));
        }
    }
}
