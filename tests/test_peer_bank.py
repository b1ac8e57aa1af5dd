"""The peer support bank as a panel would read it: red flags, country-neutral answers, regions.

Each red flag fires on a plain example of its stance and not on the same sentence negated.
Flags use the phrase syntax of schema 2 (``...`` gaps, ``{a|b}`` alternatives, pronoun slots),
read by the scoring engine of issue 12; the few examples it cannot judge yet are expected
failures, listed in ``NEEDS_ENGINE``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank

REPO = Path(__file__).resolve().parents[1]
PEER = REPO / "question_banks" / "peer_support_worker.yaml"
ENGINE_REASON = "needs scoring engine (issue 12)"

# Red flag phrase -> (a plain example of the stance, the same idea negated).
FLAG_CASES: dict[str, tuple[str, str]] = {
    "{plan|planning|plans|end their life|ending their life|kill themselves|killing themselves|hurt themselves|harm themselves|self-harm|suicidal|abuse|abused} ... keep {it|that|this} {between us|to myself|quiet}": (
        "If she said she was planning to end her life I'd keep it between us.",
        "If he told me he was planning to hurt himself, I would never keep it to myself.",
    ),
    "keep ... secret": (
        "If they asked, I would keep their secret.",
        "I would never keep a risk secret from my team.",
    ),
    "just between us": (
        "I would reassure them that it stays just between us.",
        "I would not tell anyone it stays just between us.",
    ),
    "between you and me": (
        "I'd say that anything they tell me is between you and me.",
        "I would never say something is between you and me.",
    ),
    "completely confidential": (
        "I tell people that everything they say is completely confidential.",
        "I never tell people that everything is completely confidential.",
    ),
    "{totally|absolutely|fully|strictly} confidential": (
        "Whatever you tell me is totally confidential.",
        "Nothing I hear is totally confidential, and I say so.",
    ),
    "{suggest|suggested|advise|advised|recommend|recommended} {they} {stop|stops|stopped|come off|comes off|cut down|cuts down|reduce|reduces}": (
        "If the tablets make her feel flat, I'd suggest she stops taking them for a while.",
        "I would never suggest she stops taking them; that is for her prescriber.",
    ),
    "{could|should|might} try {coming off|stopping|cutting down|reducing} {their} {medication|meds|tablets|pills|dose|antidepressants}": (
        "I think she could try coming off her medication and see how she feels.",
        "I wouldn't say she could try coming off her medication; I'd help her raise it with her doctor.",
    ),
    "confidentiality is absolute": (
        "For me confidentiality is absolute.",
        "I explain that confidentiality is not absolute.",
    ),
    "{promise|guarantee|swear} ... {confidential|secret|go no further|won't go any further|never leaves this room}": (
        "I promise them it will go no further.",
        "I never promise them it will go no further.",
    ),
    "keep it to myself": (
        "If someone told me about a plan, I would keep it to myself.",
        "I would not keep it to myself; I would tell my supervisor.",
    ),
    "{keep|kept|keeping} {it|this|that|the risk|their plan} from {my supervisor|my manager|the team|the safeguarding lead|the care team}": (
        "She asked me to, so I kept it from my supervisor.",
        "I would never keep it from my supervisor.",
    ),
    "{wouldn't|won't|never|not} tell {anyone|anybody} ... even if": (
        "I won't tell anyone what you say, even if you are at risk.",
        "I explain that I share risk; it is not true that I would not tell anyone even if they were at risk.",
    ),
    "wait until next session": (
        "I would wait until next session to bring it up.",
        "I would not wait until next session to bring it up.",
    ),
    "handle it on my own": (
        "I would handle it on my own rather than bother the team.",
        "I would never handle it on my own.",
    ),
    "tell them to stop their medication": (
        "If the side effects were bad I would tell them to stop their medication.",
        "I would never tell them to stop their medication.",
    ),
    "tell them to come off": (
        "I'd tell them to come off the tablets slowly.",
        "I wouldn't tell them to come off anything.",
    ),
    "{tell|told|advise|suggest|recommend|encourage} {them|you} to {stop|halve|reduce|cut down|lower} ... {medication|medicine|meds|dose|dosage|tablets|pills|antidepressant}": (
        "I told her to halve her antidepressant for a week.",
        "I would never tell them to reduce their dose.",
    ),
    "{tell|told|advise|suggest|recommend|encourage} {them|you} to {skip|double|change|increase|come off} ... {medication|medicine|meds|dose|dosage|tablets|pills|antidepressant}": (
        "I encouraged him to skip his tablets at the weekend.",
        "I would never tell them to change their dose.",
    ),
    "{halve|double} {their|your|the} {dose|dosage|medication|meds|tablets|antidepressant|antidepressants}": (
        "Some people find it helps to halve the dose when they feel better.",
        "Nobody should halve the dose without their prescriber.",
    ),
    "{encourage|encouraged|encouraging|urge|urged|push|pushed|nudge|nudged|persuade|persuaded} {them} to {try|} {tapering|weaning|cutting down|coming off|halving|reducing|stopping}": (
        "Plenty of people manage without them, so I encourage them to try cutting down.",
        "I would never encourage anyone to try coming off; that is for their prescriber.",
    ),
    "{told|tell|advised|advise} {them} ... {should|ought to|need to} {come off|stop taking|cut down on|quit} {their} {medication|meds|tablets|pills|antidepressants|antipsychotics}": (
        "I told her honestly that she should stop taking her tablets if they made her tired.",
        "I never tell people they should come off their meds; I help them talk to the prescriber.",
    ),
    "{helps|works|help|work|does|do} {more|better} than any {medication|meds|tablets|pills}": (
        "A good walk and a chat helps more than any medication, in my view.",
        "I don't claim that talking works better than any medication; that is their choice with the doctor.",
    ),
    "{tablets|meds|medication|pills|antidepressants|dose} ... {fine|okay|ok|safe|alright} to {stop|come off|quit|ditch|skip}": (
        "If the tablets make you that tired, it's fine to stop for a while.",
        "I never say the tablets are fine to stop; that is a talk with the prescriber.",
    ),
    "{fine|okay|ok|safe|alright} to {stop|come off|quit|ditch|skip} {their} {tablets|meds|medication|pills|antidepressants}": (
        "I told him it was probably okay to stop his tablets if he felt better.",
        "I would not tell anyone it is safe to come off their medication.",
    ),
    "{ditch|ditching|bin|binning|chuck|chucking} {their|the} {meds|medication|tablets|pills|antidepressants}": (
        "I'd back anyone who wants to ditch their meds.",
        "I never encourage anyone to ditch their meds.",
    ),
    "{drop|dropping|dropped|go|going|went|cut|cutting} {down|} to half {a|the|their} {tablet|pill|dose|dosage}": (
        "I told her what worked for me: drop to half a tablet for a fortnight.",
        "I wouldn't tell anyone to drop to half a tablet; a plan is made with the prescriber.",
    ),
    "{after|wanting|want|wants|seeking|looking for|fishing for} {sympathy|a reaction|some sympathy}": (
        "When people say they want to die they're mostly after a reaction.",
        "I never assume someone who mentions suicide is after a reaction; I ask and pass it on.",
    ),
    "{don't|wouldn't|won't|didn't} read too much into": (
        "He says it most weeks, so I don't read too much into it.",
        "It isn't true that I don't read too much into it; every mention goes to the team.",
    ),
    "{way of|about} getting {a reaction|noticed|sympathy}": (
        "Self-harm is mostly about getting noticed, in my experience.",
        "I don't see self-harm as a way of getting noticed; I ask about it calmly.",
    ),
    "{halve|halving|halved} it {for|over}": (
        "I told her to halve it for a fortnight and see how she felt.",
        "I would never tell anyone to halve it over a week; that is the prescriber's plan.",
    ),
    "every other day ... then stop": (
        "Take one every other day for a week, then stop.",
        "I never say to take it every other day and then stop; that plan is the prescriber's.",
    ),
    "{suggest|suggested|recommend|recommended|advise|advised} {they|them|} {try|} {tapering|weaning|cutting down|coming off|halving|reducing}": (
        "When they said they felt flat on it, I suggested they try tapering over a month.",
        "I would never suggest tapering; that is a plan made with the prescriber.",
    ),
    "{cut|cutting|halved|halve|halving|reduced|reducing|lowered|dropped} the dose": (
        "I told him how I cut the dose every fortnight and that it could work for him too.",
        "He wanted my view, but I don't think anyone should cut the dose on their own.",
    ),
    "{try|take|add|use|switch to|swap to|swapping to|recommend} ... {herbal|natural} {remedy|remedies|supplement|supplements}": (
        "I suggested she try a herbal remedy alongside her tablets.",
        "I would not suggest they try a herbal remedy.",
    ),
    "St John's wort": (
        "St John's wort worked for my low mood, so I mention it.",
        "I would not recommend St John's wort or anything else.",
    ),
    "put the idea in their head": (
        "I avoid asking about suicide, because it can put the idea in their head.",
        "Asking about suicide does not put the idea in their head.",
    ),
    "attention seeking": (
        "A lot of self-harm is attention seeking.",
        "I do not see self-harm as attention seeking.",
    ),
    "for attention": (
        "Some people only say these things for attention.",
        "People do not say these things for attention.",
    ),
    "attention seeker": (
        "She was known as an attention seeker.",
        "I never think of anyone as an attention seeker.",
    ),
    "{don't|won't|never} {really|actually} {mean it|do it|go through with it}": (
        "People who talk about suicide don't really mean it.",
        "I never assume that people don't really mean it.",
    ),
    "if they really wanted to": (
        "If they really wanted to, they would have done it by now.",
        "I never think that if they really wanted to they would have done it.",
    ),
    "just being dramatic": (
        "Usually they are just being dramatic.",
        "I never assume someone is just being dramatic.",
    ),
    "{details|specifics|detail} of my {overdose|attempt|suicide attempt|self-harm|cutting|method|methods}": (
        "I share the details of my overdose so they know I understand.",
        "I never share the details of my overdose.",
    ),
    "method I used": (
        "I tell them about the method I used back then.",
        "I never talk about the method I used.",
    ),
    "how many tablets I took": (
        "I told the group how many tablets I took.",
        "I would never say how many tablets I took.",
    ),
    "how many pills I took": (
        "I mention how many pills I took that night.",
        "I don't mention how many pills I took.",
    ),
    "{go|went|going|drive|drove|visit|visited|turn up|call round} ... their {home|house|flat|place} {alone|on my own|by myself|at night|after hours}": (
        "I would go straight round to their house on my own.",
        "I would never go to their house on my own.",
    ),
    "visit them at home {alone|on my own|by myself|at night|after hours}": (
        "I would visit them at home at night to check they were safe.",
        "I would not visit them at home at night.",
    ),
    "{drive|drove|driving|take|took|taking|give|gave|giving} them ... {in my car|in my own car|a lift|a ride}": (
        "I would drive them to the hospital in my own car.",
        "I would never drive them anywhere in my own car.",
    ),
    "rescue them myself": (
        "I would try to rescue them myself.",
        "I would not try to rescue them myself.",
    ),
    "give them my number": (
        "I would give them my number so they can reach me.",
        "I would not give them my number.",
    ),
    "{share|shared|sharing|hand out|handed out} my {personal|private|home} {number|mobile|phone|email|address}": (
        "With people I trust I share my personal number.",
        "I never share my personal number.",
    ),
    "call me any time": (
        "I told her she can call me any time.",
        "I don't say call me any time.",
    ),
    "{text|ring|message|contact} me {any time|anytime|day or night|whenever they like}": (
        "They can text me day or night.",
        "I make clear they cannot text me day or night.",
    ),
    "lend them money": (
        "If they were short I would lend them money.",
        "I would never lend them money.",
    ),
    "accept ... gift": (
        "I accepted a gift from a man I supported.",
        "I don't accept a gift from the people I support.",
    ),
    "their best friend": (
        "I want to become their best friend.",
        "I am not their best friend.",
    ),
    "accept ... friend request": (
        "I accepted her friend request on Facebook.",
        "I would not accept a friend request.",
    ),
    "{add|follow} them on {social media|Facebook|Instagram}": (
        "I added them on Facebook to keep in touch.",
        "I would never add them on Facebook.",
    ),
    "look them up online": (
        "Before our first meeting I looked them up online.",
        "I would not look them up online.",
    ),
    "{a drink|drinks|the pub|a party|dinner} with them": (
        "After the group I sometimes go for a drink with them.",
        "I never go for a drink with them.",
    ),
    "romantic relationship with": (
        "I ended up in a romantic relationship with someone I supported.",
        "I would never start a romantic relationship with someone I support.",
    ),
    "sexual relationship with": (
        "He had a sexual relationship with a woman on his caseload, and I kept quiet.",
        "A worker must never have a sexual relationship with someone they support.",
    ),
    "on a date with them": (
        "After the course ended I went on a date with them.",
        "I would never go on a date with them.",
    ),
    "diagnose them": (
        "I can usually diagnose them quickly.",
        "I would not diagnose them.",
    ),
    "diagnose what": (
        "I try to diagnose what is wrong.",
        "I don't try to diagnose what is wrong.",
    ),
    "make a diagnosis": (
        "After a few sessions I make a diagnosis.",
        "I never make a diagnosis.",
    ),
    "{a form|a kind|a type|a sort} of {therapy|treatment|counselling|counseling}": (
        "Peer support is a form of therapy.",
        "Peer support is not a form of therapy.",
    ),
    "{treat|treating} their {depression|anxiety|illness|symptoms|condition|psychosis}": (
        "My job is to treat their depression.",
        "My job is not to treat their depression.",
    ),
    "{assess|assessing|assessed} {their|the|his|her|how much} {risk|mental state|symptoms|suicide risk}": (
        "Then I would assess their risk and decide what to do.",
        "I would not assess their risk myself.",
    ),
    "{act|acting|work|working} {as|like} {their|a} {therapist|counsellor|psychiatrist|clinician}": (
        "In sessions I act as their therapist.",
        "I never act as their therapist.",
    ),
    "if I {can|could} do it ... {so can|you can|they can|anyone can}": (
        "I tell them that if I can do it, so can they.",
        "I never say that if I can do it, so can they.",
    ),
    "{use|used|using} my {story|experience|lived experience|recovery} to {persuade|convince|push|pressure|get}": (
        "I use my story to persuade people to take their medication.",
        "I never use my story to persuade anyone.",
    ),
    "{worked|helped} for me ... {will|would|should} {work|help}": (
        "I tell them that what worked for me will work for them.",
        "I never assume that what worked for me will work for them.",
    ),
    "do what I did": (
        "The best advice I give is to do what I did.",
        "I never ask anyone to do what I did.",
    ),
    "manipulative": (
        "Some of the people on the ward are manipulative.",
        "I would never call someone manipulative.",
    ),
    "non-compliant": (
        "He was non-compliant with his treatment.",
        "I never describe anyone as non-compliant.",
    ),
    "frequent flyer": (
        "She is one of the frequent flyers at the crisis house.",
        "I never call anyone a frequent flyer.",
    ),
    "frequent flier": (
        "He is a frequent flier in the emergency department.",
        "I never call anyone a frequent flier.",
    ),
    "difficult patient": (
        "He was a difficult patient from the start.",
        "I don't think of anyone as a difficult patient.",
    ),
    "difficult client": (
        "She was my most difficult client.",
        "I do not label anyone a difficult client.",
    ),
    "time waster": (
        "Staff saw her as a time waster.",
        "I would never call anyone a time waster.",
    ),
    "bed blocker": (
        "He had become a bed blocker on the ward.",
        "No one is a bed blocker.",
    ),
    "their own fault": (
        "Their situation was partly their own fault.",
        "Their situation was not their own fault.",
    ),
    "snap out of it": (
        "Sometimes people just need to snap out of it.",
        "No one can just snap out of it.",
    ),
    "don't see colour": (
        "Honestly, I don't see colour.",
        "I would never say I don't see colour.",
    ),
    "treat everyone the same": (
        "I treat everyone the same.",
        "I don't treat everyone the same, because needs differ.",
    ),
    "{don't|do not|never} see {race|color|ethnicity|difference|skin colour}": (
        "I genuinely do not see race.",
        "I would never claim that I do not see race.",
    ),
    "treat {everybody|people|all people|all} ... the same": (
        "I treat all people exactly the same.",
        "I do not treat all people exactly the same.",
    ),
    "colour-blind": (
        "My approach is colour-blind.",
        "My approach is not colour-blind.",
    ),
    "color-blind": (
        "I try to be color-blind with everyone.",
        "I am not color-blind about racism.",
    ),
    "tell them what to do": (
        "I tell them what to do, because I have been there.",
        "I don't tell them what to do.",
    ),
    "tell people what to do": (
        "I tell people what to do.",
        "I never tell people what to do.",
    ),
    "tell {them|people|him|her} what {they need to|they have to|they ought to|they should|they must|he needs to|she needs to} do": (
        "I tell them what they need to do and make sure they do it.",
        "I never tell them what they need to do; we look at options together.",
    ),
    "know exactly how you feel": (
        "I say I know exactly how you feel.",
        "I never say I know exactly how you feel.",
    ),
    "know exactly how they feel": (
        "I know exactly how they feel.",
        "I don't know exactly how they feel.",
    ),
    "tell them my whole story": (
        "I tell them my whole story at the first meeting.",
        "I don't tell them my whole story.",
    ),
    "I never need support": (
        "I never need support myself.",
        "It isn't true that I never need support.",
    ),
    "I don't need supervision": (
        "I don't need supervision any more.",
        "I would never say I don't need supervision.",
    ),
    "fix their problems": (
        "I want to fix their problems for them.",
        "I don't try to fix their problems.",
    ),
    "for my own healing": (
        "I want this job for my own healing.",
        "I am not applying for my own healing.",
    ),
    "part of my own healing": (
        "Doing this work is part of my own healing.",
        "This work is not part of my own healing.",
    ),
    "like therapy for me": (
        "Helping people is like therapy for me.",
        "Helping people is not like therapy for me.",
    ),
    "{will|would} help me {heal|recover|get better}": (
        "I hope the job will help me heal.",
        "I don't expect the job to help me heal, and it won't help me heal.",
    ),
    "{log|logged|logging|record|recorded|recording|note|noted|write up|wrote up|written up|writing up|put down} ... {contact|contacts|call|calls|visit|visits|session|sessions|meeting|meetings} {that|which} {didn't|did not|never} {quite|really|actually|} {happen|happened|take place|took place}": (
        "Now and then I log a phone call that never really happened.",
        "I would never log a visit that didn't happen.",
    ),
    "{adjust|adjusted|adjusting|alter|altered|altering|change|changed|changing|tweak|tweaked|tweaking|bump|bumped|bumping|fiddle|fiddled|massage|massaged|round up|rounded up} {the|their|people's|his|her|those} {scores|outcome scores|ratings|figures|numbers|results|answers|responses}": (
        "When I write up the review I adjust their scores to match what I've seen.",
        "I never change their scores, even when I think they are too hard on themselves.",
    ),
    "{so it looks like|to look like|so that it looks like|as if it was|as though it were|as though it was} the original {entry|note|notes|record}": (
        "I tidied the notes later and dated them so it looks like the original entry.",
        "A late note is dated the day I write it, never so it looks like the original entry.",
    ),
    "{backdate|backdated|backdating|back-date|back-dated|back-dating} {it|them|the note|the notes|my note|my notes|the entry|the entries|the record|the records|a note|an entry|the session|the visit|the log}": (
        "If I forget a note I just backdate it.",
        "If I forget a note I write it late and never backdate it.",
    ),
    "{note|notes|entry|entries|record|records|log|paperwork|write-up} ... {backdate|backdated|backdating|back-date|back-dated|back-dating}": (
        "The notes were backdated so nobody would notice the gap.",
        "The notes were never backdated; the late entry said it was late.",
    ),
    "{added|add|adding|wrote|write|writing|put|putting|slipped|slipping} {a note|a line|an entry|a sentence|something|in a note|in a line} ... saying {I'd|I had} {reminded|told|called|rung|rang|phoned|texted|sent|warned|done|given|explained|offered|checked}": (
        "He threatened to complain, so I added a note saying I'd reminded him.",
        "He threatened to complain, but I never added a note saying I'd reminded him.",
    ),
    "{told|tell|telling|let} {the team|the nurse|the doctor|staff|my manager|the clinic|the care coordinator|them} ... when {he|she|they} {wasn't|weren't|hadn't|didn't|really wasn't}": (
        "I told the team he was away visiting family when he wasn't.",
        "I never told the team he was away when he wasn't.",
    ),
    "{nobody|no one|no-one|they wouldn't|the team wouldn't|staff wouldn't} {would|} {chase|notice|follow up|catch|spot|pick up} ... missed {dose|doses|injection|injections|depot|appointment|appointments}": (
        "I pointed out the quiet days so nobody would chase a missed dose.",
        "I would never arrange things so nobody would chase a missed dose.",
    ),
    "{go|went|going|goes} back {in|into the notes|into the record|into them|into it} and {change|changed|changing|edit|edited|editing|alter|altered|delete|deleted|remove|removed|tidy|tidied}": (
        "If my notes look bad later, I go back in and change them.",
        "If my notes look bad later, I never go back in and change them.",
    ),
    "{leave|left|leaving|keep|kept|keeping} {it|that|them|those|that bit|those bits} out": (
        "When she says she doesn't want to be here any more, I leave it out of my notes.",
        "When she says she doesn't want to be here any more, I never leave it out of my notes.",
    ),
    "{half a tablet|half a pill|half the dose|half my dose|half a dose} ... {every other day|alternate days|then stop|then nothing|then none}": (
        "I showed her how I came down: half a tablet, then every other day.",
        "I never tell anyone to take half a tablet, then every other day.",
    ),
    "{cut|cutting|cuts|came|coming|come|weaned|weaning|wean} {mine|myself|my tablets|my meds|my pills|my medication|my antidepressants} {down|off}": (
        "I told her how I cut my tablets down so she could follow the same plan.",
        "I told her I never cut my tablets down without my doctor, and she could plan with hers.",
    ),
    "{plan|schedule|regime|routine} I'd used so {she|he|they} could {follow|copy|use|try} it": (
        "I wrote out the plan I'd used so she could follow it.",
        "I never wrote out the plan I'd used so she could follow it.",
    ),
    "{note|entry|line|record} {dated|backdated|back-dated} {the week before|the day before|a week earlier|a day earlier|earlier|last week|the previous week|the previous day|days earlier}": (
        "That evening I wrote a note dated the week before.",
        "I would never write a note dated the week before.",
    ),
    "{changed|change|changing|altered|alter|altering|edited|edit|editing|amended|fiddled with|tweaked} the {date|dates|time|times} {I'd|I had|I|we'd|on|in|of}": (
        "Before the complaint was looked at, I changed the date I'd written in the notes.",
        "I never changed the date I'd written in the notes, even with a complaint coming.",
    ),
    "{which|what|the} {days|times|day|time|mornings|afternoons} the {nurse|community nurse|district nurse|team|doctor|care coordinator|community team|crisis team|depot clinic} {would|will|was going to|were going to|was due to|were due to|usually|normally} {visit|call|come|come round|turn up|be round}": (
        "I worked out which days the nurse would visit, and we made sure we were out.",
        "I never worked out which days the nurse would visit so that we could be out.",
    ),
    "{the nurse|the team|the doctor|the care coordinator|the community team|services|staff} {was|were|is|are|would be} {less likely|unlikely|not likely} to {find|catch|see|reach}": (
        "I told him the times when the nurse was less likely to find him at home.",
        "I would never tell him when the nurse was unlikely to find him at home.",
    ),
    "{away from home|out|not in|not at home|elsewhere} when the {nurse|team|doctor|care coordinator|community team} {calls|called|visits|visited|comes|came|is due|was due|turns up|turned up}": (
        "I helped them plan to be away from home when the nurse calls.",
        "I would never help them be out when the nurse calls for the injection.",
    ),
    "{which|what} {appointments|injections|reviews|visits} {they|he|she|people|someone} {can|could} {miss|skip|dodge|get out of}": (
        "I showed them which appointments they could miss without anyone noticing.",
        "I never advise on which appointments they can skip.",
    ),
}

# Examples the engine cannot judge yet: a negator inside the matched words ("confidentiality is
# not absolute") does not negate the match (reported to ENGINE2). Remove an entry when it passes.
NEEDS_ENGINE: dict[str, set[str]] = {
    "positive": set(),
    "negated": set(),
}

# Terms that tie an answer to one country. Model answers stay country-neutral; these belong in
# `regions` and `region_tips` only. Matched as whole words, case-insensitively.
REGION_TERMS = (
    "999", "000", "911", "988", "111", "116 123", "13 11 14", "13YARN", "triple zero",
    "Samaritans", "Lifeline", "HIPAA", "Caldicott", "GDPR", "Data Protection Act", "Privacy Act",
    "Care Act", "Mental Health Act", "NHS", "Medicare", "Medicaid", "Centrelink", "sectioned",
    "section", "apprenticeship", "Certificate IV", "Cert IV", "peer specialist",
    "state certification", "talking therapies", "A&E", "ER", "headspace", "mandated reporter",
    "mandatory reporting", "duty to report", "consumer", "consumers",
)


@cache
def _bank() -> Bank:
    return load_bank(PEER)


def _flags_in(text: str) -> list[str]:
    """The phrases of the peer bank's red flags that the scorer finds in ``text``."""
    from interview_coach.scoring import Scorer

    bank = _bank()
    return [hit.phrase for hit in Scorer(bank).score(bank.questions[0], text).red_flags]


def _cases(kind: str) -> list[object]:
    index = 0 if kind == "positive" else 1
    return [
        pytest.param(
            phrase, examples[index], id=phrase,
            marks=[pytest.mark.xfail(reason=ENGINE_REASON, strict=False)]
            if phrase in NEEDS_ENGINE[kind] else [],
        )
        for phrase, examples in FLAG_CASES.items()
    ]


def test_every_red_flag_has_examples() -> None:
    """Each red flag of the bank has a plain example and a negated one, and nothing else does."""
    phrases = [flag.phrase for flag in _bank().red_flags]
    assert sorted(phrases) == sorted(FLAG_CASES)


def test_red_flags_have_a_severity_and_a_reason() -> None:
    """Safety-critical stances are marked critical; every flag says why it worries a panel."""
    flags = {flag.phrase: flag for flag in _bank().red_flags}
    assert all(flag.why.strip() for flag in flags.values())
    critical = {phrase for phrase, flag in flags.items() if flag.severity == "critical"}
    for must in ("keep ... secret", "put the idea in their head", "tell them to stop their medication",
                 "confidentiality is absolute"):
        assert must in critical


@pytest.mark.parametrize(("phrase", "example"), _cases("positive"))
def test_red_flag_fires_on_plain_example(phrase: str, example: str) -> None:
    """A plain statement of the stance trips the flag."""
    assert phrase in _flags_in(example)


@pytest.mark.parametrize(("phrase", "example"), _cases("negated"))
def test_red_flag_spares_negated_example(phrase: str, example: str) -> None:
    """The same idea denied does not trip the flag."""
    assert phrase not in _flags_in(example)


def _term_pattern(term: str) -> re.Pattern[str]:
    flags = 0 if term == "ER" else re.IGNORECASE
    return re.compile(rf"(?<![\w&]){re.escape(term)}(?![\w&])", flags)


def test_model_answers_are_country_neutral() -> None:
    """No model answer names a crisis number, law, service or title of one country."""
    patterns = [(term, _term_pattern(term)) for term in REGION_TERMS]
    found = [
        f"{q.id}: {term}"
        for q in _bank().questions
        for term, pattern in patterns
        if pattern.search(q.model_answer)
    ]
    assert not found


def test_regions_cover_uk_australia_and_us() -> None:
    """The bank names the countries its wording fits, with crisis lines and qualification routes."""
    regions = _bank().regions
    assert {"uk", "au", "us"} <= set(regions)
    notes = {rid: " ".join(region.notes) for rid, region in regions.items()}
    for rid, needed in {
        "uk": ("999", "111", "116 123", "apprenticeship", "safeguarding lead", "Caldicott", "GDPR"),
        "au": ("000", "13 11 14", "13YARN", "Certificate IV in Mental Health Peer Work",
               "Privacy Act", "mandatory reporting", "consumer"),
        "us": ("911", "988", "HIPAA", "mandated reporting", "state"),
    }.items():
        missing = [term for term in needed if term not in notes[rid]]
        assert not missing, (rid, missing)


def test_region_tips_name_known_regions() -> None:
    """A question's region tips are keyed by regions the bank defines."""
    bank = _bank()
    for q in bank.questions:
        assert set(q.region_tips) <= set(bank.regions), q.id


def test_header_says_which_countries_the_wording_fits() -> None:
    """A reader of the file learns at the top which countries it serves."""
    head = PEER.read_text("utf-8")[:1500]
    for country in ("UK", "Australia", "US"):
        assert country in head


def test_removed_phrases_stay_out_of_model_answers() -> None:
    """Wording a panel marks down, or that fits one country only, is not taught as a model."""
    banned = ("state peer specialist certification", "talking therapies", "sectioned",
              "professional distance", "a sign of how hard someone is working", "duty to report")
    found = [f"{q.id}: {b}" for q in _bank().questions for b in banned
             if b in q.model_answer.lower()]
    assert not found


def test_new_topic_questions_exist() -> None:
    """The topics panels ask (issue 17) each have a question."""
    ids = {q.id for q in _bank().questions}
    missing = [qid for qid in NEW_QUESTIONS if qid not in ids]
    assert not missing


NEW_QUESTIONS = (
    "writing_notes_the_person_could_read",
    "family_member_asks_for_news",
    "cultural_safety_in_practice",
    "trauma_informed_practice_day_to_day",
    "person_wants_to_stop_medication",
    "asked_to_persuade_someone_to_take_an_injection",
    "what_makes_a_peer_relationship_different",
    "using_supervision_and_peer_supervision",
    "recognising_someone_from_your_own_time_in_services",
    "endings_and_transitions",
    "supporting_someone_who_uses_substances",
    "noticing_fresh_self_harm_injuries",
    "parent_disclosure_raises_a_child_concern",
    "detained_person_wants_to_leave",
    "lone_working_safely",
    "someone_says_the_neighbours_are_spying",
)
