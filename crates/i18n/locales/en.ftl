# Peel's public pages and intermediaries' pages, in English (the source language).
# Every other file in this folder has the same messages with the same placeholders; the
# completeness test in crates/web/src/i18n/tests.rs fails when one is missing or differs.

## Every page

layout-skip = Skip to main content
layout-quick-exit = Leave this site quickly
layout-quick-exit-hint = Keyboard: the access key X.
layout-staying-safe = Staying safe online
layout-languages = Choose a language
layout-main-nav = Main
layout-account = Your account ({ $name })
layout-concerns = Your concerns
layout-sign-out = Sign out
layout-sign-in = Sign in
layout-footer = Peel is open-source software for community safety. If you are in danger now, call 999. To report something that is not an emergency, call 101.
error-summary-title = There is a problem
error-prefix = Error:
optional = (optional)
continue = Continue
nothing-saved = Nothing you have told us has been saved.

## The start page

start-title = Report a crime or incident
start-heading = Report a crime or something that worries you
start-intro = Use this service to tell the police in London about a crime or an incident. It takes about 5 minutes. You can stay anonymous.
start-danger-warning = If you are in danger now, or a crime is happening now, call 999.
start-silent-999 = If you cannot speak, call 999 and press 55 when asked.
start-danger-question = Is anyone in danger right now?
start-danger-yes = Yes, someone is in danger now
start-danger-no = No
start-danger-missing = Select yes if anyone is in danger right now
start-already = Already reported something?
start-check-progress = Check the progress of a report
start-worried = Worried someone may see what you do on this phone or computer?

## The 999 page

emergency-title = Call 999 now
emergency-call-now = If someone is in danger, call 999 straight away.
emergency-not-form = Do not use this form: nobody may read it for some time.
emergency-silent = If you cannot speak on the phone, call 999, listen to the questions and press 55. You will be put through to the police.
emergency-text = If you are deaf or hard of hearing, text 999 (you must register first by texting "register" to 999).
emergency-continue = I have called 999, or nobody is in danger now: continue with the report

## Asked again: words of present danger

danger-title = Are you safe right now?
danger-call-999 = If you or anyone else is in danger now, call 999.
danger-not-saved = Nothing you have told us has been saved yet.
danger-you-said = You said nobody is in danger right now, but what you wrote suggests someone may be:
danger-reason-in-progress = it may still be happening
danger-reason-danger-to-life = someone's life may be in danger
danger-reason-self-harm = someone may be at risk of harming themselves
danger-goes-straight = If you send your report, it goes straight to the people who answer calls to the police, at any hour, as well as to your local team.
danger-send = Nobody is in danger now: send my report
danger-change = Go back and change my answers

## Staying safe online

safe-intro = If someone may see what you do on this phone or computer, these steps help keep your visit private.
safe-leave-heading = Leave quickly
safe-leave = Every page of this service has a red "Leave this site quickly" link at the top. It opens a weather page. Your keyboard's access key X does the same: on most computers hold Alt (on a Mac, Control and Option) and press X.
safe-private-heading = Use a private window
safe-private = A private or incognito window does not keep the pages you visit in your history. Open one from your browser's menu before you come back to this service.
safe-history-heading = Clear your history
safe-history = If you did not use a private window, remove this service from your browser's history: open the history from the browser's menu, and delete the pages of this site. Deleting only some pages is less noticeable than clearing everything.
safe-shared-heading = If someone else may see your phone or messages
safe-shared = When you report, tick "Someone else may see my phone or messages". We will then send you nothing but a short message that does not mention the police or your report, from an address or number that does not either, and only in the ways you say are safe. You do not need to keep anything we show you.

## The home page and the error page

home-intro = Peel helps London's police and their partners prevent harm, respond quickly and share safely.
home-danger = If you are in danger now, call 999.
home-staff = Staff, officers, volunteers and trusted partners:
error-start-page = Go to the start page

## The report form

form-title = Tell us what happened
form-intro = Questions marked optional can be left out. Everything else is needed. You can check your answers before you send them.
form-description = What happened?
form-description-hint = Include what you saw or heard, and anything about the people involved. Up to 4,000 characters.
form-category = What kind of thing was it?
form-when = When did it happen?
form-when-hint = For example, 25 11 2026. If you are not sure, give your best guess.
form-day = Day
form-month = Month
form-year = Year
form-time = Time (optional)
form-time-hint = Time as 24-hour clock, for example 21:30.
form-where = Where did it happen?
form-where-postcode = At a place with a postcode
form-postcode = Postcode
form-where-address = I know the street or place, but not the postcode
form-address = Street or place
form-where-online = It happened online (for example a website, social media or a message)
form-role = Who are you in this?
form-targeted-before = This has happened to me before (optional)
form-anonymous = Do you want to stay anonymous?
form-anonymous-hint = If you stay anonymous we will not store your name or contact details, and we cannot contact you. You can still check progress with your reference.
form-anonymous-no = No, you can contact me
form-anonymous-yes = Yes, I want to stay anonymous
form-anonymous-missing = Select whether you want to stay anonymous
form-contact-heading = How to contact you
form-contact-intro = Leave this out if you chose to stay anonymous.
form-name = Your name (optional)
form-email = Email address
form-phone = Phone number
form-safe = How is it safe to contact you? (optional)
form-safe-hint = We will only use the ways you tick. If you tick none, we will send you nothing until an officer has asked you how it is safe to get in touch.
form-safe-email = Email
form-safe-phone = Phone call
form-safe-text = Text message
form-no-voicemail = Do not leave a voicemail
form-shared-device = Someone else may see my phone or messages
form-safe-times = When is it safe to contact you? (optional)
form-safe-times-hint = For example, weekdays between 9am and 3pm.
form-language = Which language would you like us to use?
form-language-hint = We will write to you in it where we can, and find an interpreter if you need one.
form-language-other = If your language is not in the list, write it here (optional)
form-community = How would you describe your community? (optional)
form-community-hint = For example your ethnic group, faith or another community you belong to. We use this only to count how well we serve each community, never to decide what happens to your report. Leave it empty, or write "prefer not to say".
form-date-not-real = Enter a real date, with the day, month and year as numbers, and any time as hours and minutes
role-victim = It happened to me
role-witness = I saw it happen
role-third-party = I'm reporting for someone else

## Categories

category-anti-social-behaviour = Anti-social behaviour
category-bicycle-theft = Bicycle theft
category-burglary = Burglary
category-criminal-damage-arson = Criminal damage or arson
category-drugs = Drugs
category-other-theft = Other theft
category-possession-of-weapons = Someone carrying a weapon
category-public-order = Public order offence
category-robbery = Robbery
category-shoplifting = Shoplifting
category-theft-from-the-person = Theft from a person (for example pickpocketing)
category-vehicle-crime = Vehicle crime
category-violent-crime = Violence or a sexual offence
category-other-crime = Another crime
category-fraud = Fraud or a scam
category-online-abuse = Online abuse or harassment
category-domestic-abuse = Domestic abuse
category-hate-incident = Hate crime or hate incident
category-not-sure = I'm not sure

## Problems with answers (one per code in peel_core::submission::PROBLEM_CODES and
## peel_app::concerns::PROBLEM_CODES)

problem-too-long = This answer must be { $max } characters or fewer
problem-bad-characters = This answer contains characters that cannot be stored
problem-description-missing = Tell us what happened
problem-category-missing = Choose what kind of thing happened, or choose ‘I'm not sure’
problem-occurred-missing = Enter when it happened
problem-occurred-future = The date and time it happened must be in the past
problem-occurred-too-old = The date it happened must be in the last 20 years
problem-role-missing = Choose whether it happened to you, you saw it, or you are reporting for someone else
problem-email-format = Enter an email address in the correct format, like name@example.com
problem-phone-format = Enter a phone number, like 07700 900 982 or +44 7700 900 982
problem-anonymous-with-details = You chose to stay anonymous, so leave out your name and contact details, or choose not to stay anonymous
problem-contact-missing = Give an email address or a phone number so we can contact you, or choose to stay anonymous
problem-safe-channel-unknown = That is not a way we can contact you
problem-safe-channel-needs-email = You said email is safe: give an email address, or untick it
problem-safe-channel-needs-phone = You said a phone call or a text message is safe: give a phone number, or untick it
problem-location-several = Give one place: a postcode, an address, or that it happened online
problem-location-point = The map point is not a real place
problem-postcode-invalid = Enter a real postcode, like SW1A 2AA
problem-location-missing = Tell us where it happened: a postcode, an address, or that it happened online
problem-codeword-unknown = Choose a codeword from the list, or none
problem-person-present-missing = Say whether the person is with you now
problem-called-999-missing = Say whether 999 was called
problem-consent-missing = Say whether the person agreed to this being passed on
problem-what-happened-missing = Say what you saw or were told
problem-sent-by-missing = Give the username of the trained member of staff this concern is from
problem-sent-by-unknown = That is not one of your organisation's intermediary accounts

## The progress page

status-report = Report { $reference }
status-where = Where it is
status-team = Team
status-received = Received
status-next-update = Next update due
status-when-news = When there is news
status-outcome = Outcome:
status-updates = Updates
status-no-updates = No updates yet.
status-tell-heading = Tell us more, reply, or ask us to call you
status-tell-intro = What you send goes to the officer dealing with your report. We will only contact you in the ways you said are safe.
status-kind = What would you like to do?
status-kind-information = Add information
status-kind-reply = Reply to an update
status-kind-call-back = Ask us to call you back
status-message = Your message
status-call-back-when = If you want a call back: when is it safe to call you?
status-call-back-hint = For example, weekdays between 10am and 2pm.
status-send = Send
status-reference = Reference
status-reference-hint = For example, 7KQM-3X9P-D
status-code = Status code
status-code-hint = Four groups of letters and numbers, for example ABCD-EFGH-JKMN-P7. Upper or lower case, with or without the dashes.
status-check = Check progress
stage-new = Received: waiting for someone to contact you
stage-contacted = We have been in touch
stage-in_progress = Being looked into
stage-closed = Closed
stage-case-open = An officer has taken on your report
stage-case-investigating = Being investigated
stage-case-safeguarding = We are working to keep you safe
stage-case-closed = Closed
stage-case-merged = Being looked into with a related report

## The satisfaction survey

survey-title = How did we do?
survey-thanks = Thank you
survey-thanks-text = Your answers help us see how well we serve each part of London. They are only ever counted together with others'.
survey-intro = Four questions about how we dealt with what you reported. You do not need to sign in. Your answers are only ever counted together with others', never shown with your name or your report.
survey-ease = How satisfied were you with how easy it was to contact us?
survey-kept_informed = How satisfied were you with how well we kept you informed?
survey-treatment = How satisfied were you with how you were treated?
survey-whole_experience = Taking the whole experience into account, how satisfied were you with the service we gave you?
scale-5 = Very satisfied
scale-4 = Fairly satisfied
scale-3 = Neither satisfied nor dissatisfied
scale-2 = Fairly dissatisfied
scale-1 = Very dissatisfied
survey-comment = Anything else you would like to tell us? (optional)
survey-send = Send my answers
status-sent = Sent to the officer dealing with your report.
status-sent-call-back = Sent. We will call you back at the time you gave, in the ways you said are safe.
status-not-found = We could not find a report with that reference and status code. Check both and try again
status-kind-missing = Choose what you would like to do

## Check your answers

answers-title = Check your answers before sending your report
answers-intro = Nothing has been sent yet. Change anything that is not right, then send your report.
answers-change = Change
answers-yes = Yes
answers-no = No
answers-none = Not given
answers-online = Online
answers-send = Send report
answers-declaration = When you send this report, it goes to the police in London. We keep it safe and use it only to deal with what you reported.
answers-ways = Ways it is safe to contact you

## After sending

done-title = Report sent
done-reference = Your reference is
done-shared-heading = You said someone else may see your phone or messages
done-shared = So we will never put anything about the police or your report in a message to you: only a neutral prompt, and only in the ways you said are safe. You do not need to keep anything from this page. An officer will get in touch with you safely.
done-shared-code = If it is safe for you to keep it, you can use this status code with your reference to see progress, add information or ask for a call back. We cannot show it again.
done-show-code = Show my status code
done-status-code = Status code:
done-keep-heading = Keep these safe
done-keep = To check progress, add information or ask for a call back you need your reference and this status code. You can read it out or write it down. We cannot show it again.
done-next-heading = What happens next
done-team = Your report has gone to the { $team }.
done-update-by = We will give you an update by { $due }.
done-danger = If anyone is in danger, call 999.
done-see-progress = See the progress of this report
done-support-heading = Support you can get now
done-support-intro = These services are free and confidential. You can contact them whether or not anything happens with your report.
support-victim-support = Free, confidential support for anyone affected by crime, open every day and night.
support-domestic-abuse = Free, confidential support for anyone experiencing domestic abuse, at any hour. Ask for a call back at a time that is safe.
support-nspcc = Advice if you are worried about a child, including abuse online.
support-action-fraud = The national centre for reporting fraud and cybercrime.
support-stop-scams = Call 159 to reach your bank safely if you think a call or message about your money is a scam.
support-samaritans = Someone to talk to, at any hour, whatever you are going through.

## Trusted intermediaries: the concern form

concern-title = Pass on a concern
concern-intro = For trained staff of a registered pharmacy, salon, school, surgery, faith group, housing office, licensed premises or youth club. It takes about two minutes. Ask only what you need: you do not have to find out more.
concern-999 = If anyone is in danger now, call 999 first.
concern-cannot-send = You cannot send a concern yet.
concern-urgent = If anyone is in danger now, call 999. Otherwise call 101 and say you are a trusted intermediary.
concern-present = Is the person with you now?
concern-codeword = Did they use a codeword?
concern-codeword-hint = For example, they asked for ANI at a pharmacy, or for Angela at a bar.
concern-codeword-none = No codeword
concern-called-999 = Has 999 been called?
concern-consent = Has the person agreed to you passing this on to the police?
concern-what = What did you see, or what were you told?
concern-what-hint = In their words if you can. Up to 4,000 characters.
concern-about = Who is it about? (optional)
concern-where = Where did it happen, or where are you?
concern-where-hint = A postcode, or the street or place.
concern-contact-heading = Is it safe to contact them, and how?
concern-contact-intro = Give only what they said is safe. If it is not safe to contact them directly, leave this out: we will call you back instead.
concern-their-name = Their name (optional)
concern-safe = Which ways are safe? (optional)
concern-shared-device = Someone else may see their phone or messages
concern-send = Send concern
concern-sent-title = Concern sent
concern-call-back = A contact handler will call you back on { $phone } within { $minutes } minutes. Stay with the person if you can.
concern-procedure = What to do now ({ $codeword })
concern-what-you-see = You will see that it was received and when it has been acted on. To protect the person, you will not see what happens after that.
concern-another = Pass on another concern
concerns-intro = The concerns you have passed on, newest first.
concerns-none = You have not passed on any concerns yet.
concerns-caption = Concerns you have passed on
concerns-state = Where it is
concerns-received = Received
concerns-acted-on = Acted on

## Messages to reporters (the outbox): email subjects and bodies, and text messages

outbox-ack-subject = Your report { $reference }
outbox-ack-body = Thank you. Your report { $reference } has reached the { $team }.
outbox-ack-update = We will give you an update by { $due }.
outbox-ack-status = You can see its progress, add information or ask us to call you back at { $status } with your reference and the status code you were given.
outbox-update-subject = An update on your report { $reference }
outbox-update-footer = You can reply, add information or ask for a call back at { $status }.
outbox-evidence-subject = Photos or video for your report { $reference }
outbox-evidence-body = You can send them here, from your phone or computer: { $link } The link works once, until { $until }. Keep the originals on your device.
outbox-neutral-subject = A message for you
outbox-neutral-body = Hello. There is a new message for you. Look it up in the usual way when it is safe to.
outbox-closed = Your case is now closed. The outcome: { $outcome }.
outbox-survey-body = Your case is closed. Please tell us how we did: four questions, no sign-in. Your answers are only ever counted together with others', never shown with your name.

## Volunteering: the public page, the application and its progress

vol-title = Volunteer with the police in London
vol-intro = Local people with skills to share help the police prevent harm and support victims: securing a scam victim's accounts, visiting someone who has been burgled, interpreting, working with young people. Some volunteers are special constables, with a police officer's powers.
vol-wanted-heading = Who we are looking for
vol-wanted-languages = People who speak London's languages
vol-involves-heading = What it involves
vol-involves-vetting = We check your skills with your professional body and vet you for integrity, and review both regularly.
vol-involves-training = You complete the training for the work you do, some of it supervised on the job.
vol-involves-tasks = You choose the tasks you accept, near you and when you are free, and a supervisor briefs you before each one.
vol-involves-special = Special constables must be at least 18, and some jobs and businesses cannot be combined with the role: we check this when you apply.
vol-apply = Apply to volunteer
vol-already = Already applied?
vol-check-status = Check your application
vol-apply-intro = It takes about 10 minutes. We use what you tell us only to consider your application and, if you join, to match you to tasks.
vol-name = Your full name
vol-email = Email address
vol-phone = Phone number (optional)
vol-postcode = Your home postcode
vol-applying-as = How would you like to help?
vol-as-volunteer = As a volunteer
vol-as-special = As a special constable (a volunteer police officer)
vol-skills = Which skills can you offer?
vol-skills-hint = If you belong to a professional body for a skill (such as BCS, NMC or the HCPC), give its name and your membership number: we check it with them.
vol-body = Professional body (optional)
vol-number = Membership or registration number (optional)
vol-languages = Languages you speak besides English (optional)
vol-days = Which days could you help?
vol-hours = At what times on those days?
vol-hours-hint = As a 24-hour range, for example 09:00-17:00.
vol-associations = Organisations, employers, schools or estates you are connected with (optional)
vol-associations-hint = One per line. We never give you a task that touches them.
vol-special-heading = Only if you are applying as a special constable
vol-special-intro = We check these against the national eligibility rules.
vol-born = Date of birth, for example 1990-04-21
vol-occupation = Your occupation
vol-interests = Any business interests, one per line (optional)
vol-consent = I agree to be vetted, and to my skills being checked with my professional body
vol-send = Send my application
vol-done-title = Application sent
vol-done-code = To see where your application stands you need your reference and this status code. Write them down: we cannot show the code again.
vol-done-next = The vetting unit will check your skills and vet you. We will contact you by email.
vol-status-note = Note from the vetting unit
app-status-received = Received: with the vetting unit
app-status-approved = Approved: welcome to the panel
app-status-declined = Not taken forward
skill-cyber_help = Cyber and digital help
skill-digital_forensics = Digital forensics
skill-fraud_recovery = Fraud recovery
skill-mental_health = Mental health
skill-medical = Medical
skill-youth_work = Youth work
skill-schools_liaison = Schools liaison
skill-victim_support = Victim support
skill-business_support = Business support
day-mon = Monday
day-tue = Tuesday
day-wed = Wednesday
day-thu = Thursday
day-fri = Friday
day-sat = Saturday
day-sun = Sunday
problem-volunteer-name-missing = Enter your name
problem-volunteer-email-format = Enter an email address in the correct format, like name@example.com
problem-volunteer-phone-format = Enter a phone number, like 07700 900 982
problem-volunteer-postcode-invalid = Enter your home postcode, like E8 1DY
problem-volunteer-kind-missing = Choose whether you are applying as a volunteer or a special constable
problem-volunteer-skill-unknown = Choose skills from the list
problem-volunteer-skill-missing = Choose at least one skill you can offer
problem-volunteer-days-missing = Choose the days you could help
problem-volunteer-hours-format = Enter the hours as a 24-hour range, like 09:00-17:00
problem-volunteer-born-format = Enter your date of birth as year, month and day, like 1990-04-21
problem-volunteer-occupation-missing = Enter your occupation
problem-volunteer-consent-missing = You need to agree to be vetted before we can consider your application
problem-volunteer-too-long = An answer is too long: keep each to 200 characters, and the lists to 2,000
vol-not-found = We could not find an application with that reference and status code. Check both and try again

## Adding files from the progress page

status-evidence-heading = Send photos, videos or documents
status-evidence-intro = If you have a photo, a video (from a phone, a doorbell camera or a dashcam), a sound recording or a document that shows what happened, send it here. Keep the original on your device.
status-evidence-file = Choose files
status-evidence-hint = You can choose several. We cannot accept programs or archives (such as .zip files).
status-evidence-send = Send files
status-evidence-sent = Thank you: your files were received and added to your report.
status-evidence-none = Choose at least one file to send
done-files-lost = Your report was sent, but some of your files could not be kept. Please send them again below.
evreq-title = Send your photos or video
evreq-asked = The officer working on your report asked for:
evreq-unknown = This link is not one we sent. Check it was copied whole, or use the progress page with your reference and status code.
evreq-used = Files have already been sent through this link, so it works no more. You can still add files from the progress page with your reference and status code.
evreq-expired = This link has expired. You can still add files from the progress page with your reference and status code.

# Files on concerns and evidence requests to witnesses (issue 17)
concern-files-title = Add photos or files to a concern
concern-files-intro = Add a photo, a video or a document that helps, such as a note passed over the counter or a still from your CCTV. You can add files for 7 days after sending the concern.
concern-files-added = Files added to the concern.
concern-files-link = Add photos or files
concern-files-column = Files
evreq-asked-witness = A police officer asked you for:
evreq-witness-sent = Thank you: your files were received and passed to the officer who asked for them.
evreq-used-witness = Files have already been sent through this link, so it works no more. If you have more to send, call 101 and say you were sent a request.
evreq-expired-witness = This link has expired. If you still have something to send, call 101 and say you were sent a request.
outbox-evidence-witness-subject = A request from the police for photos or video

## The public ward page (issue 19)
ward-title = { $ward }, { $borough }: your neighbourhood
ward-intro = What the police's published figures say about crime here, and who to talk to.
ward-team-heading = Your neighbourhood team
ward-team = { $team } looks after this ward.
ward-team-contact = To tell the police about something that is not an emergency, report online or call 101. In an emergency, call 999.
ward-report-link = Report something online
ward-priorities-heading = Priorities for this ward
ward-priorities-none = The ward panel has not recorded its priorities for this quarter yet.
ward-priorities-intro = Each quarter the ward panel, residents working with the neighbourhood team, chooses up to three priorities after asking people who live and work here. Below is what they chose, what has been done since, what residents have asked for on this page, and where the harm is.
ward-priorities-quarter = This quarter ({ $quarter })
ward-priorities-previous = Last quarter ({ $quarter })
ward-priority-theme = Theme: { $theme }
ward-priority-consulted = How residents were asked: { $how }
ward-priority-done-heading = What has been done
ward-priority-done-none = Nothing has been recorded yet.
ward-priority-done-line = { $date }: { $text }
ward-priorities-compare-heading = The panel's choice, residents' voices and the harm
ward-priorities-compare-caption = Each theme: whether the panel chose it this quarter, how many residents asked for it on this page, and its crimes and harm in the last twelve months
ward-priorities-col-theme = Theme
ward-priorities-col-panel = Chosen by the panel
ward-priorities-col-voices = Residents' voices
ward-priorities-col-crimes = Crimes, last 12 months
ward-priorities-col-harm = Days of harm, last 12 months
ward-priorities-yes = Yes
ward-priorities-no = No
ward-priorities-not-counted = not in the published files
ward-priorities-withheld = withheld, so that no count under { $n } can be worked out
ward-voices-share = { $n } ({ $share }%, most likely between { $low }% and { $high }%)
ward-voices-total = Voices given by residents this quarter: { $n }.
ward-residents-differ = Most residents who gave a voice asked for “{ $theme }”, which the panel has not chosen.
ward-harm-differs = Most harm in the last twelve months came from “{ $theme }”, which the panel has not chosen.
ward-voices-few = Residents' first theme is named only once at least { $n } voices are given and one theme leads. Harm is worked out from the crimes in each theme's categories; some themes are not counted separately in the published files.
ward-voice-heading = Have your say
ward-voice-intro = Tell the panel the one thing you most want the neighbourhood team to work on this quarter. You do not need an account.
ward-voice-theme = What should the team work on?
ward-voice-words = Anything you want the panel to know (optional)
ward-voice-words-hint = Where and when it happens helps. Only the ward's team and panel read this; it is never published. Do not name anyone. To report a crime, use the report form; in an emergency call 999.
ward-voice-email = Your email address
ward-voice-email-hint = We send you a link to confirm your voice. Each email address has one voice in this ward each quarter: a new one replaces the last. We delete your address once the email is sent.
ward-voice-send = Send my voice
voice-error-theme = Choose what the team should work on
voice-error-email = Enter an email address, like name@example.com
voice-error-words = Write at most { $max } characters, with no special characters
voice-sent-title = Check your email
voice-sent-body = We have sent a link to { $email }. Your voice counts once you open it and confirm, within seven days.
voice-back = Back to { $ward }
voice-confirm-title = Confirm your voice
voice-confirm-body = Confirm your voice on the priorities for { $ward }.
voice-confirm-button = Confirm my voice
voice-confirmed-title = Your voice counts
voice-confirmed-body = Thank you. Your voice for “{ $theme }” in { $ward } counts this quarter.
voice-confirmed-replaced = It replaces the voice you gave earlier this quarter.
voice-confirm-unknown = This link has been used, has expired or is not right. Each link works once, for seven days. You can give your voice again on the ward's page.
voice-email-subject = Confirm your voice on the priorities for { $ward }
voice-email-body = You asked for “{ $theme }” to be a priority for the neighbourhood team in { $ward }. Open this link to confirm your voice:
voice-email-ignore = If you did not ask for this, ignore this email: nothing will count.
theme-anti-social-behaviour = Anti-social behaviour and public order
theme-burglary = Burglary
theme-drugs = Drug dealing and drug use
theme-violence = Violence and weapons, including knife crime
theme-robbery = Robbery and phone snatching
theme-vehicle-crime = Vehicle and bicycle crime
theme-theft = Theft and shoplifting
theme-criminal-damage = Criminal damage and arson
theme-fraud = Fraud and scams
theme-hate = Hate crime
theme-womens-safety = Women's and girls' safety in public places
theme-online-harm = Online harm, especially to children
theme-road-safety = Road safety: speeding and dangerous driving
ward-trust-heading = What residents here say about the police
ward-trust-line = { $measure }: { $share }% of the { $respondents } people asked in { $area } agreed ({ $quarter }), most likely between { $low }% and { $high }%.
ward-trust-none = No survey of what residents think of the police has been loaded for this area yet.
ward-trust-source = From the Public Attitude Survey, which asks Londoners about the police where they live. The questions are given as the survey publishes them, in English.
ward-trend-heading = Crime month by month
ward-summary = In the twelve months to { $month }, { $crimes } crimes were recorded in this ward.
ward-rate = That is about { $rate } for every 1,000 people who live here (most likely between { $low } and { $high }).
ward-change-up = That is more than in the twelve months before, by more than chance would explain.
ward-change-down = That is fewer than in the twelve months before, by more than chance would explain.
ward-change-none = There is no clear change from the twelve months before.
ward-change-untested = There are not yet two full years of figures to compare.
ward-chart-title = Crimes recorded each month
ward-chart-description = One bar for each month. Months with fewer than { $n } crimes are drawn empty; the table gives each month.
ward-table-caption = Crimes recorded each month
ward-month = Month
ward-crimes = Crimes
ward-fewer-than = fewer than { $n }
ward-kinds-heading = Kinds of crime in the last twelve months
ward-kind = Kind of crime
ward-no-data = No crime figures have been loaded for this ward yet.
ward-map-heading = The wards of { $borough }
ward-map-title = Harm by ward
ward-map-description = Each ward is shaded by the harm its crimes did for every 1,000 residents over the last twelve months: darker means more harm.
ward-map-label = { $ward }: { $days } days of harm per 1,000 residents
ward-map-no-figure = { $ward }: no figure
ward-map-caption = Darker means more harm for every 1,000 residents. This ward is outlined in red. Wards smaller than the areas the map is drawn from are not shown.
ward-about-heading = About these figures
ward-bias = The figures count what was reported and recorded. How easy it is to report, and how people choose to, differs between areas and communities, so a higher number can mean more reporting as well as more crime.
ward-suppressed = Numbers from 1 to 4 are shown as "fewer than { $n }" so that no one can be identified.
ward-sources = Crime: data.police.uk, under the Open Government Licence. Harm: the Cambridge Crime Harm Index. Residents: the Greater London Authority's ward estimates.
