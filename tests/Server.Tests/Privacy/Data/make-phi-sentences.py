#!/usr/bin/env python3
"""Writes phi-sentences.jsonl: synthetic clinical sentences with their PHI spans marked.

Every person, place, number and date here is invented. Sentences are hand-written templates whose
slots are filled from hand-written pools (fixed seed, so the file is reproducible); every filled slot
is a labelled span. Slot types: NAME, LOCATION, DATE, AGE, PHONE, ID, ADDRESS, EMAIL, URL, IP.
Sentences without slots are PHI-free clinical text and measure precision (they must survive intact).
Run: python3 make-phi-sentences.py > phi-sentences.jsonl
"""
import json
import random
import re

rng = random.Random(12)

FIRST = ["Jane", "John", "Mary", "Robert", "Aisha", "Mohammed", "Wei", "Priya", "Olga", "Kwame", "Siobhan", "Mateo",
         "Grace", "Will", "Rose", "Mark", "Hope", "Ines", "Yusuf", "Hannah", "Tomasz", "Chidi", "Lucia", "Dmitri",
         "Fatima", "Noah", "Eleanor", "Bill", "Sunita", "Giovanni"]
LAST = ["Doe", "Brown", "Okafor", "Nguyen", "Kowalski", "Garcia", "O'Brien", "White", "Young", "Hill", "Patel", "Schmidt",
        "Fitzgerald-Hughes", "Long", "Baker", "Rossi", "Ivanova", "Mensah", "Tanaka", "Lindqvist", "Moreau", "Haddad",
        "Black", "Price", "Wood", "Abernathy", "Kaczmarek", "Oyelaran", "Castellanos", "Whitfield"]
CITY = ["Springfield", "Lisbon", "Leeds", "Duluth", "Tucson", "Bristol", "Galway", "Krakow", "Mombasa", "Reno", "Aberdeen",
        "Fresno", "Bologna", "Brighton", "Kalamazoo"]
HOSPITAL = ["St Mary Hospital", "St. Luke's Hospital", "Mercy General Hospital", "Riverside Clinic", "Saint Anne Infirmary",
            "Northgate Medical Center", "Royal Victoria Infirmary", "Lakeside Community Hospital", "Hillcrest Clinic",
            "Bayview Medical Centre"]
STREET = ["42 Elm Street", "1200 N. Main St.", "7 Harbour Road", "315 Maple Avenue", "88 Oak Dr", "19 Kingsway Court",
          "2301 Westfield Blvd", "5 Church Lane", "604 Birch Way", "77 Quarry Hill"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date():
    y, m, d = rng.randint(1925, 2025), rng.randint(1, 12), rng.randint(1, 28)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(d if d < 20 else d % 10, "th")
    return rng.choice([
        f"{y}-{m:02d}-{d:02d}", f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{d} {MONTHS[m-1]} {y}",
        f"{MONTHS[m-1]} {d}, {y}", f"{MONTHS[m-1]} {d}{suffix}", f"{d}{suffix} of {MONTHS[m-1]}", f"{MON3[m-1]} {d}",
        f"{d:02d}.{m:02d}.{y}", f"{y}{m:02d}{d:02d}", f"{MONTHS[m-1]} {y}", f"{d}-{MON3[m-1]}-{y}",
    ])


def name():
    return rng.choice([f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(LAST), f"{rng.choice(FIRST)[0]}. {rng.choice(LAST)}",
                       f"{rng.choice(LAST)}, {rng.choice(FIRST)}", rng.choice(FIRST)])


def phone():
    a, b, c = rng.randint(200, 989), rng.randint(200, 989), rng.randint(1000, 9999)
    return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"{b}-{c}", f"+44 20 {b} {c}"])


def ident():
    return rng.choice([f"AB-{rng.randint(1000, 9999)}", str(rng.randint(10000000, 99999999)), f"X{rng.randint(100000, 999999)}",
                       f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}", f"ACC{rng.randint(10000, 99999)}",
                       f"{rng.choice('KLMPQR')}{rng.randint(10, 99)}-{rng.randint(100, 999)}-{rng.choice('ABCXYZ')}{rng.randint(10, 99)}"])


def age():
    n = rng.randint(90, 104)
    return rng.choice([f"{n}-year-old", f"{n} years old", f"{n} yo", f"{n} y/o", f"{n}-yr-old"])


FILL = {
    "NAME": name, "FIRST": lambda: rng.choice(FIRST), "LAST": lambda: rng.choice(LAST), "DATE": date, "PHONE": phone,
    "ID": ident, "AGE": age, "CITY": lambda: rng.choice(CITY), "HOSPITAL": lambda: rng.choice(HOSPITAL),
    "STREET": lambda: rng.choice(STREET), "ZIP": lambda: f"{rng.randint(10000, 99999)}",
    "EMAIL": lambda: f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower().replace(chr(39), '')}@{rng.choice(['example.org', 'mail.test', 'clinic.example.com'])}",
    "URL": lambda: rng.choice(["https://portal.example.org/patient/4471", "www.familyphotos.example.com/doe", "http://10.2.3.4/pacs/view?id=9"]),
    "IP": lambda: f"{rng.randint(10, 192)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
}
KIND = {"FIRST": "NAME", "LAST": "NAME", "CITY": "LOCATION", "HOSPITAL": "LOCATION", "STREET": "ADDRESS", "ZIP": "ADDRESS"}

TEMPLATES = [
    "{NAME} presented with a productive cough and fever for three days.",
    "Patient {FIRST} {LAST}, MRN {ID}, referred for CT chest to exclude pulmonary embolism.",
    "Seen by Dr. {LAST} on {DATE}; chest radiograph requested for persistent dyspnoea.",
    "DOB {DATE}. Known COPD, now increasing breathlessness.",
    "{AGE} woman with a fall at home, query hip fracture.",
    "A {AGE} man from {CITY} with haemoptysis and weight loss.",
    "Transferred from {HOSPITAL} after a road traffic collision on {DATE}.",
    "Please call {PHONE} with urgent findings.",
    "Contact the referring clinician at {EMAIL} or on {PHONE}.",
    "Lives at {STREET}, {CITY}, with her daughter.",
    "Address: {STREET}, {CITY} {ZIP}.",
    "Accession number {ID}; prior study from {DATE} available for comparison.",
    "Mrs {LAST} reports left-sided chest pain since {DATE}.",
    "Compare with the CT performed at {HOSPITAL} in {DATE}.",
    "Wife {FIRST} says he became confused on {DATE}.",
    "Referred by {NAME} of {HOSPITAL} for staging of a lung mass.",
    "SSN {ID} was written on the request form by mistake.",
    "Follow-up after lobectomy for adenocarcinoma at {HOSPITAL} on {DATE}.",
    "Images uploaded from {IP} by the night technician.",
    "See the family photos at {URL} for the skin lesion.",
    "{FIRST} is a {AGE} retired teacher with new ankle swelling.",
    "Account {ID}; insurance claim pending.",
    "Fax results to {PHONE} attention {NAME}.",
    "History: fall down the stairs on {DATE} at her home in {CITY}.",
    "Known to Dr {LAST} (cardiology), pacemaker inserted on {DATE}.",
    "Pt {NAME}, age {AGE}, admitted with sepsis of unknown source.",
    "Daughter {NAME} can be reached at {PHONE}.",
    "Prior MRI brain at {HOSPITAL}, report by Dr. {NAME}.",
    "Worked as a miner in {CITY} until {DATE}; query asbestosis.",
    "Admitted {DATE}, discharged {DATE}, readmitted with fever.",
    "Mr. {FIRST} {LAST} was found collapsed near {STREET}.",
    "Medical record number: {ID}. Suspected appendicitis.",
    "{LAST}, {FIRST} - chest pain, troponin negative, query dissection.",
    "Last mammogram {DATE} at {HOSPITAL} was BI-RADS 2.",
    "GP Dr {NAME} at {HOSPITAL} requests review of the nodule.",
    "Emailed images to {EMAIL} on {DATE}.",
    "Nursing home resident, {AGE}, with reduced mobility and a sacral sore.",
    "Travelled to {CITY} in {DATE} and returned with fever and cough.",
    "The patient {NAME} declined contrast on {DATE}.",
    "Case discussed with {NAME} and {NAME} at the tumour board on {DATE}.",
    "ID {ID} - known renal impairment, eGFR 38.",
    "Callback number {PHONE}, ask for {FIRST}.",
    "Son {FIRST} {LAST} signed the consent on {DATE}.",
    "Previously treated at {HOSPITAL}, {CITY}.",
    "Born {DATE}, presenting with sudden onset headache.",
    "{AGE} with a history of breast cancer treated in {DATE}.",
    "Specimen {ID} sent to pathology from {HOSPITAL}.",
    "Her neighbour {NAME} found her on the floor at {STREET}.",
    "Pager {PHONE} for Dr. {LAST} when the study is reported.",
    "Scan booked for {DATE} at {HOSPITAL} radiology department.",
    "Ref: {ID}. Elderly {AGE} gentleman with an abdominal mass.",
    "Patient states {FIRST} {LAST} is her power of attorney.",
    "Seen in {CITY} emergency department on {DATE} with rib pain.",
    "Contact: {EMAIL}.",
    "Portal link {URL} shared with the family.",
    "Lives alone at {STREET}; son visits from {CITY}.",
    "The CT from {DATE} showed a 6 mm nodule, read by Dr {NAME}.",
    "Operated on {DATE} by {NAME} at {HOSPITAL}.",
    "{NAME} ({AGE}) with worsening dementia and falls.",
    "Chart {ID}, NHS number {ID}, request from {HOSPITAL}.",
    "MRN {ID} - query pneumothorax after line insertion on {DATE}.",
    "Wrong patient label: {NAME}, DOB {DATE}, MRN {ID}.",
    "Workstation {IP} sent the series at 14:05 on {DATE}.",
    "Home phone {PHONE}; mobile {PHONE}.",
    "{FIRST} has had cough since {DATE} after visiting {CITY}.",
    "Report copied to {NAME}, {HOSPITAL}, {STREET}, {CITY} {ZIP}.",
    "Aged {AGE}, lives in {CITY}, independent with a frame.",
    "Injury at work in {CITY} on {DATE}; wrist pain.",
    "Dr. {LAST} asked to compare with outside films from {HOSPITAL}.",
    "Husband {NAME} reports she fell on {DATE}.",
]

NEGATIVE = [
    "Rounded 2 cm opacity in the right upper zone, suspicious for malignancy.",
    "No pneumothorax. Small left pleural effusion with basal atelectasis.",
    "Cardiomegaly with upper lobe venous diversion, consistent with heart failure.",
    "Query pulmonary embolism; CTPA requested.",
    "Persistent cough for six weeks, former smoker with 40 pack-years.",
    "Fever, productive cough and right-sided pleuritic chest pain.",
    "Follow-up of a 6 mm solid nodule in the left lower lobe per Fleischner guidelines.",
    "Acute onset headache, worst of life, exclude subarachnoid haemorrhage.",
    "Fall onto outstretched hand; query scaphoid fracture.",
    "Known Crohn disease with right iliac fossa pain.",
    "Hodgkin lymphoma, restaging after four cycles of chemotherapy.",
    "Ground-glass opacities in both lower lobes, differential includes infection.",
    "Bilateral hilar lymphadenopathy, consider sarcoidosis.",
    "Chronic kidney disease stage 3, eGFR 42, avoid iodinated contrast if possible.",
    "T2 hyperintense lesion in the periventricular white matter.",
    "Degenerative changes at L4-L5 with mild canal stenosis.",
    "Sixty-three year old male smoker with haemoptysis.",
    "Kerley B lines and bilateral effusions.",
    "Please compare with the previous study if available.",
    "No acute intracranial abnormality.",
    "Right upper quadrant pain, query cholecystitis; ultrasound first.",
    "Metastatic breast cancer, new back pain at T10.",
    "Suspected appendicitis in a 24-year-old woman, pregnancy test negative.",
    "Shortness of breath on exertion and bilateral ankle oedema.",
    "Post-operative check after right total hip replacement.",
    "Child with barking cough and stridor, query croup.",
    "Baseline staging CT chest, abdomen and pelvis.",
    "Type 2 diabetes, hypertension and atrial fibrillation on warfarin.",
    "Lung-RADS 4A nodule on the previous screening scan.",
    "Will the opacity need a biopsy or can it be followed?",
    "May this be a pneumonia rather than a tumour?",
    "Brown sputum for a week, afebrile.",
    "Stable appearances compared with prior imaging.",
    "Parkinson disease with recurrent falls and head injury.",
    "SpO2 91% on room air, respiratory rate 24.",
    "Left ventricular ejection fraction 35% on echocardiography.",
    "Worsening dyspnoea over 3 months, weight loss of 5 kg.",
    "Nodule measured 8 mm last year, now 11 mm.",
    "The patient is a 45-year-old woman with chest pain.",
    "CT head shows no haemorrhage, mass effect or midline shift.",
    "Pain at C5-C6 radiating to the right arm.",
    "Pleural thickening and calcified plaques, query asbestos exposure.",
    "Sepsis of unknown source, CRP 230.",
    "Abdominal distension and vomiting, query small bowel obstruction.",
    "Lesion is T2N0M0 on the previous staging.",
]


def fill(template):
    text, spans = "", []
    for part in re.split(r"(\{[A-Z]+\})", template):
        if part.startswith("{"):
            slot = part[1:-1]
            value = FILL[slot]()
            spans.append({"start": len(text), "end": len(text) + len(value), "type": KIND.get(slot, slot)})
            text += value
        else:
            text += part
    return {"text": text, "spans": spans}


rows = [fill(t) for t in TEMPLATES for _ in range(3)] + [{"text": t, "spans": []} for t in NEGATIVE]
for i, row in enumerate(rows):
    print(json.dumps({"id": i + 1, **row}, ensure_ascii=False))
