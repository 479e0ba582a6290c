"""Event codes: which CAMEO code a trigger takes, and how the words governing it recode it, on sentences the
team wrote (names and places invented where the actor table allows)."""

from __future__ import annotations

import datetime as dt

from conftest import roots, tuples

FRI = dt.date(2024, 4, 26)


# --- demands for a leader to go (CAMEO 104x), not appeals


def test_calling_for_a_leader_to_resign_is_a_demand(code):
    events = code("Israeli opposition leader Shimon Avni called on Sunday for Prime Minister Benjamin Levi to resign.")
    assert any(e.code.startswith("10") and "Levi" in (e.target.name or "") for e in events)
    assert not any(e.code.startswith("02") for e in events)


def test_urging_a_leader_to_step_down_is_a_demand(code):
    events = code("French Foreign Minister Luc Garnier urged Syrian President Karim Haddad to step down.")
    assert ("10", "FRA", "SYR") in roots(events)


def test_urging_a_party_to_quit_a_coalition_stays_an_appeal(code):
    events = code("French Foreign Minister Luc Garnier urged Syrian President Karim Haddad to quit the alliance.")
    assert not any(e.code.startswith("10") for e in events)


def test_calling_for_someone_to_act_otherwise_stays_an_appeal(code):
    events = code("French Foreign Minister Luc Garnier called on Syrian President Karim Haddad to hold talks.")
    assert ("02", "FRA", "SYR") in roots(events)
    assert not any(e.code.startswith("10") for e in events)


# --- threats


def test_vowing_revenge_is_a_threat_of_force(code):
    events = code("Hamas vowed revenge against Israel on Friday.", published=FRI)
    assert any(e.code == "138" and e.target.country == "ISR" for e in events)


def test_vowing_to_avenge_is_a_threat_of_force(code):
    events = code("Hamas vowed to avenge Israel's raid.")
    assert ("13", "PSE", "ISR") in roots(events)
    assert ("18", "PSE", "ISR") not in roots(events)


def test_warning_of_consequences_is_a_threat(code):
    events = code("The Russian foreign minister warned Georgia of serious consequences.")
    assert ("13", "RUS", "GEO") in roots(events)


def test_warning_of_a_crisis_stays_a_pessimistic_comment(code):
    events = code("The Russian foreign minister warned Georgia of a looming energy crisis.")
    assert not any(e.code.startswith("13") for e in events)


# --- support and cooperation phrased with ordinary verbs


def test_putting_weight_behind_someone_is_support(code):
    events = code("Washington put its weight behind Ethiopia on Tuesday.")
    assert ("05", "USA", "ETH") in roots(events)


def test_forging_ties_is_diplomatic_cooperation(code):
    events = code("Vietnam forged closer ties with Japan last year.")
    assert ("05", "VNM", "JPN") in roots(events)


def test_attaching_importance_to_developing_relations_is_an_intent(code):
    events = code("Chilean Foreign Minister Ana Rojas said Chile attaches great importance to developing "
                  "relations with Peru.")
    assert ("03", "CHL", "PER") in roots(events)
    assert not any(e.code.startswith("05") for e in events)


def test_showing_restraint_is_de_escalation(code):
    events = code("Israel showed restraint toward Lebanon.")
    assert ("08", "ISR", "LBN") in roots(events)


def test_meeting_a_request_meets_nobody(code):
    events = code("The Danish government plans to meet a NATO request to send more troops to Afghanistan.")
    assert not any(e.code.startswith(("04", "036")) for e in events)


def test_receiving_an_invitation_from_someone_is_their_appeal(code):
    events = code("Indian Prime Minister Ravi Mehta received an invitation from Nepal.")
    assert ("02", "NPL", "IND") in roots(events)


# --- rejection and protest


def test_dismissing_an_ultimatum_is_a_rejection_and_no_ultimatum(nlp, code):
    from parley.events import match_verb
    from parley.events.lexicon import load_lexicon

    text = "President Joseph Otieno of Kenya dismissed an ultimatum from Uganda."
    dismissed = next(t for t in nlp(text) if t.lemma_ == "dismiss")
    assert match_verb(dismissed, load_lexicon()).code == "120"
    assert not any(t[0].startswith("13") for t in tuples(code(text)))


def test_dismissing_an_official_is_an_administrative_sanction(code):
    events = code("Kenyan President Joseph Otieno sacked the army commander.")
    assert ("172", "KEN", "GOV", "KEN", "MIL") in tuples(events)
    assert not any(t[0].startswith("12") for t in tuples(events))


def test_blocking_someone_is_obstruction(code):
    events = code("Kenyan protesters blocked the police from entering the stadium.")
    assert ("144", "KEN", "CVL", "KEN", "COP") in tuples(events)


# --- modality


def test_would_with_no_condition_is_a_plan(code):
    events = code("While in France, Egyptian President Hassan Fathy would discuss the crisis with French "
                  "President Paul Lefevre.")
    assert ("036", "EGY", "GOV", "FRA", "GOV") in tuples(events)


def test_would_under_a_condition_stays_hypothetical(code):
    events = code("If the talks fail, Egyptian President Hassan Fathy would discuss the crisis with French "
                  "President Paul Lefevre.")
    assert not tuples(events)


def test_would_with_an_opinion_subject_stays_hypothetical(code):
    events = code("Such a visit to Taiwan by the Japanese minister would anger China.")
    assert not any(e.code.startswith("03") for e in events)


def test_can_is_an_ability_not_an_act(code):
    events = code("Zambian Prime Minister Daniel Banda said the army can defend the capital against Angola.")
    assert not any(e.code.startswith("05") and e.modality == "done" for e in events)


def test_failing_to_agree_on_an_appeal_codes_nothing(code):
    events = code("The UN Security Council failed to agree on calling for the withdrawal of Ethiopian troops "
                  "from Somalia.")
    assert not tuples(events)


def test_a_visit_that_sets_the_time_is_not_what_is_appealed_for(code):
    events = code("The Kenyan foreign minister called for calm during his visit to Uganda.")
    assert ("042", "KEN", "GOV", "UGA", "GOV") in tuples(events)
    assert not any(t[0].startswith("02") and t[3] == "UGA" for t in tuples(events))


def test_a_visit_that_sets_the_time_of_a_plan_is_planned(code):
    events = code("Russian President Boris Orlov will take a holiday after his visit to Germany in April.")
    assert ("036", "RUS", "GOV", "DEU", "GOV") in tuples(events)


def test_a_coordinated_verb_does_not_inherit_a_failure(code):
    events = code("Lebanese Foreign Minister Fawzi Haddad failed to show up and cancelled a meeting with "
                  "Syrian President Omar Saleh.")
    assert ("16", "LBN", "SYR") in roots(events)


def test_russia_has_to_sign_is_an_obligation_not_a_signing(code):
    events = code("Russia still has to sign protocols with the United States.")
    assert not tuples(events)


def test_must_is_an_obligation_not_an_act(code):
    events = code("Iran must release the French hostages, the Italian foreign minister said.")
    assert not any(t[0].startswith("08") for t in tuples(events))


def test_the_infinitive_of_an_intention_noun_is_intended(nlp):
    from parley.events.modality import modality_of

    doc = nlp("Chinese Governor Wei Liu expressed his hope to boost trade with Sudan.")
    boost = next(t for t in doc if t.lower_ == "boost")
    assert (modality_of(boost).value, modality_of(boost).shift) == ("intended", "intent")


def test_an_infinitive_describing_a_thing_is_not_intended(nlp):
    from parley.events.modality import modality_of

    doc = nlp("Jordan sent a team to investigate the attack.")
    investigate = next(t for t in doc if t.lower_ == "investigate")
    assert modality_of(investigate).shift is None


# --- an event whose object is stopped did not take place


def test_suspended_talks_are_not_talks(code):
    events = code("India suspended talks with Pakistan on Friday.", published=FRI)
    assert ("16", "IND", "PAK") in roots(events)
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_a_meeting_called_off_is_neither_held_nor_appealed_for(code):
    events = code("Israel called off the meeting with Egypt.")
    assert not any(t[0].startswith(("04", "02")) for t in tuples(events))


def test_pulling_out_of_talks_is_not_talking(code):
    events = code("Syria pulled out of the talks with Israel.")
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_an_ended_truce_is_not_a_truce(code):
    events = code("Iran ended the truce with Iraq.")
    assert ("19", "IRN", "IRQ") in roots(events)
    assert not any(t[0].startswith("08") for t in tuples(events))


def test_an_ended_visit_did_take_place(code):
    events = code("Egyptian President Hassan Fathy ended his visit to Jordan.")
    assert ("042", "EGY", "GOV", "JOR", "GOV") in tuples(events)


def test_ready_to_end_a_truce_is_a_threat(code):
    events = code("The Congolese army is ready to end the truce with Angola.")
    assert ("13", "COD", "AGO") in roots(events)


def test_a_rebuffed_accusation_is_not_the_rebuffer_accusing(code):
    events = code("Russian President Ivan Orlov rebuffed the accusation against Georgia.")
    assert ("11", "RUS", "GEO") not in roots(events)


# --- further verbs and phrases


def test_briefing_someone_is_consultation(code):
    events = code("Chilean Foreign Minister Ana Rojas briefed Peruvian President Luis Prado on the talks.")
    assert ("040", "CHL", "GOV", "PER", "GOV") in tuples(events)


def test_lashing_out_at_someone_is_criticism(code):
    events = code("Kenyan President Joseph Otieno lashed out at Uganda.")
    assert ("111", "KEN", "GOV", "UGA", "GOV") in tuples(events)


def test_quitting_a_coalition_reduces_relations(code):
    events = code("Kenyan Prime Minister Daniel Mwangi quit the coalition government of Uganda.")
    assert ("16", "KEN", "UGA") in roots(events)


def test_granting_trade_status_is_economic_cooperation(nlp):
    from parley.events import match_verb
    from parley.events.lexicon import load_lexicon

    doc = nlp("The European Union will grant market economy status to Ukraine.")
    grant = next(t for t in doc if t.lemma_ == "grant")
    trig = match_verb(grant, load_lexicon())
    assert trig is not None and trig.code == "061"


def test_complying_with_someone_is_yielding(code):
    events = code("Iran complied with the United Nations.")
    assert ("08", "IRN", "IGO") in roots(events)


# --- topics: what a briefing reports happened; what talks discuss has not


def test_talks_reported_in_a_future_briefing_are_not_intended(nlp):
    from parley.events.modality import modality_of

    doc = nlp("King Abdullah is expected to brief Palestinian President Omar Nasser on his talks with Jordan.")
    talks = next(t for t in doc if t.lower_ == "talks")
    assert modality_of(talks).value == "done"


def test_the_topic_of_talks_is_not_done_or_intended(code):
    events = code("Syria and Israel discussed the withdrawal of Syrian troops from Lebanon.")
    assert not any(t[0].startswith(("08", "03")) for t in tuples(events))


# --- accusation, violation and nominal events


def test_holding_someone_responsible_is_an_accusation(code):
    events = code("Iran held Israel responsible for the attack.")
    assert ("112", "IRN", "GOV", "ISR", "GOV") in tuples(events)


def test_violating_an_accord_defies_norms(code):
    events = code("Syria violated the accord with Turkey.")
    assert ("12", "SYR", "TUR") in roots(events)


def test_support_for_someone_is_endorsement(code):
    events = code("Washington stepped up its support for Georgia.")
    assert ("051", "USA", "GOV", "GEO", "GOV") in tuples(events)


def test_military_support_is_military_aid(code):
    events = code("Chad received military support from France.")
    assert any(e.code == "072" and (e.source.country, e.target.country) == ("FRA", "TCD") for e in events)


def test_receiving_a_letter_is_not_hosting_a_visit(code):
    events = code("Japanese Prime Minister Ken Sato received a letter from Chinese President Wang Lei.")
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_a_demand_received_is_the_demander_s(code):
    events = code("Kenya accepted the demands of Uganda.")
    assert ("10", "UGA", "KEN") in roots(events)


# --- inability, unwillingness and judgements


def test_what_is_impossible_is_not_done(code):
    events = code("It will be impossible to convince Japan to help Serbia, the Serbian prime minister said.")
    assert not tuples(events)


def test_unwilling_to_negotiate_is_a_rejection(code):
    events = code("Iran is unwilling to negotiate with the United States.")
    assert any(e.code.startswith("12") and (e.source.country, e.target.country) == ("IRN", "USA") for e in events)


def test_unable_to_meet_is_not_a_meeting(code):
    events = code("Iranian President Reza Karimi was unable to meet the Iraqi president.")
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_it_is_important_to_visit_is_a_judgement_not_a_plan(code):
    events = code("It is important for us to visit Jordan, Egyptian President Hassan Fathy said.")
    assert not any(t[0].startswith(("03", "04")) for t in tuples(events))


def test_is_to_visit_stays_a_plan(code):
    events = code("Egyptian President Hassan Fathy is to visit Jordan next week.", published=FRI)
    assert ("036", "EGY", "GOV", "JOR", "GOV") in tuples(events)


def test_resigning_in_protest_is_dissent_not_a_leadership_change(nlp):
    from parley.events import match_verb
    from parley.events.lexicon import load_lexicon

    doc = nlp("Four Bangladeshi advisers resigned in protest at the decision of the president.")
    resigned = next(t for t in doc if t.lemma_ == "resign")
    trig = match_verb(resigned, load_lexicon())
    assert trig is not None and trig.code == "140"


def test_calling_it_something_is_not_a_phone_call(code):
    events = code("Chinese Foreign Minister Wang Lei called it a provocation by Japan.")
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_hoped_to_is_an_intent_despite_the_lemmatizer(code):
    events = code("Chinese Commerce Minister Wu Lan hoped to enhance economic cooperation with Sudan.")
    assert any(t[0].startswith("03") and t[1] == "CHN" and t[3] == "SDN" for t in tuples(events))
    assert not any(t[0].startswith(("05", "06")) for t in tuples(events))


def test_ruling_out_sending_troops_is_not_sending_them(code):
    events = code("German Chancellor Anna Vogel on Monday ruled out sending German troops to southern Afghanistan.")
    assert not any(t[0].startswith("15") for t in tuples(events))


def test_a_participle_after_a_refusal_is_not_refused(code):
    events = code("Indian opposition parties refuse to work with the ruling party, accusing it of mixing religion "
                  "with politics.")
    assert any(t[0] == "112" for t in tuples(events))


def test_what_an_actor_is_accused_of_is_alleged_not_done(code):
    events = code("The United States accused Syria of allowing militants to go into Iraq to fight against "
                  "American troops.")
    assert any(t[0] == "112" and (t[1], t[3]) == ("USA", "SYR") for t in tuples(events))
    assert not any(t[0].startswith("19") for t in tuples(events))


def test_a_purpose_infinitive_shares_the_plan(code):
    events = code("Canadian Prime Minister Jean Roy will fly to Beirut to meet Lebanese Prime Minister Samir Haddad.")
    assert ("036", "CAN", "GOV", "LBN", "GOV") in tuples(events)
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_beating_a_team_is_a_game_not_an_assault(code):
    assert not tuples(code("Brazil beat Argentina 3-1 in the final on Sunday."))
    assert not tuples(code("Argentina's tennis star Pablo Ruiz breezed into the semifinals, beating the Croatian 6-2."))
    events = code("Three Nepalese journalists were beaten by police in Kathmandu.")
    assert ("182", "NPL", "COP", "NPL", "MED") in tuples(events)


def test_hosting_refugees_is_shelter_not_a_visit(code):
    events = code("Uganda hosts some 400,000 Sudanese refugees.")
    assert not any(t[0].startswith("04") for t in tuples(events))
    assert any(t[0] == "075" and t[1] == "UGA" for t in tuples(events))


def test_defending_a_town_is_not_a_verbal_defence(code):
    events = code("Georgian troops defended the town against Russian forces.")
    assert not any(t[0].startswith("05") for t in tuples(events))
    events = code("Indian Prime Minister Raj Mehta defended the nuclear deal with the United States.")
    assert ("052", "IND", "GOV", "USA", "GOV") in tuples(events)


def test_talks_to_be_held_are_planned(code):
    events = code("The meeting between South Korean Foreign Minister Kim Dae-ho and Japanese Foreign Minister "
                  "Taro Sato, to be held in Busan on Monday, comes ahead of a summit.")
    assert ("036", "KOR", "GOV", "JPN", "GOV") in tuples(events)
    assert not any(t[0].startswith("04") for t in tuples(events))


def test_an_appeal_for_force_is_an_appeal_not_a_deployment(code):
    events = code("The United States urged Germany to send more troops to southern Afghanistan.")
    assert not any(t[0].startswith("15") for t in tuples(events))
    assert any(t[0].startswith("02") and (t[1], t[3]) == ("USA", "DEU") for t in tuples(events))


def test_a_plot_to_kill_is_not_a_killing(code):
    events = code("Human Rights Watch challenged on Wednesday the conviction of a Jordanian man for conspiring to "
                  "assassinate President Omar Karim of Egypt.")
    assert not any(t[0].startswith(("18", "19")) for t in tuples(events))


def test_speaking_at_a_venue_is_no_consultation(code):
    events = code("British Foreign Secretary Ann Dorr returned on Monday. Speaking at the Royal Harwell Institute, "
                  "a defence think tank in London, Dorr said the situation in Iraq was dangerous.")
    assert not any(t[0].startswith("04") for t in tuples(events))
    events = code("British Foreign Secretary Ann Dorr spoke with Iraqi Prime Minister Ali Hamdan on Monday.")
    assert any(t[0] == "040" and t[1] == "GBR" and t[3] == "IRQ" for t in tuples(events))


def test_a_protest_verb_with_an_object_is_no_protest(code):
    assert not any(e.code.startswith("14") for e in code("The United States is demonstrating regulatory hegemony "
                                                          "over France."))
    events = code("Washington rallied behind the Palestinian president Mahmoud Abbas on Monday.")
    assert ("05", "USA", "PSE") in roots(events) and not any(e.code.startswith("14") for e in events)


def test_an_intention_to_leave_a_coalition_is_a_threat_to_reduce_relations(code):
    events = code("Party leader Amir Levin reiterated his intention Thursday to pull the party out of Prime Minister "
                  "Ariel Golan's coalition government in Israel.")
    assert [(e.code[:2], e.modality, e.target.country, e.target.sector) for e in events] == [
        ("13", "intended", "ISR", "GOV")]


def test_declining_to_comment_on_a_meeting_is_not_refusing_it(code):
    events = code("US President Tom Harlan declined to give details on the substance of his meeting with Israeli "
                  "Prime Minister Eli Dagan in Washington.")
    assert [(e.code[:2], e.modality) for e in events] == [("04", "done")]


def test_tariffs_agreed_to_be_cut_are_not_imposed(code):
    events = code("Brazil and Argentina signed an agreement to cut tariffs on steel and grain.")
    assert not any(e.code.startswith("16") for e in events)


def test_willing_to_work_with_is_an_intention_to_cooperate(code):
    events = code("Kazakhstan is willing to work with China to push forward bilateral relations, Nazarbayev said.")
    assert [(e.code, e.source.country, e.target.country) for e in events] == [("030", "KAZ", "CHN")]


def test_recalling_ones_ambassador_is_aimed_at_the_host_and_a_message_of_condolence_is_condolence(code):
    assert [(e.code, e.source.country, e.target.country) for e in code(
        "Venezuela recalled its ambassador from Mexico on Monday.")] == [("161", "VEN", "MEX")]
    assert ("018", "RUS", "IDN") in {(e.code, e.source.country, e.target.country) for e in code(
        "Russian President Vladimir Putin sent a message of condolence to Indonesian President Susilo Bambang "
        "Yudhoyono over the earthquake.")}
