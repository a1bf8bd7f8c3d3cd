"""Word lists for the demo data: names by culture, businesses, next steps, notes."""

from __future__ import annotations

# Culture: weight, "first names", "last names", family name first, separator.
# "Display:ascii" gives the romanization used in email addresses.
CULTURES = (
    (30, "Emma Olivia Liam Noah Ava Mia James Grace Ethan Chloe Jack Harper Henry Ella Owen "
     "Sophie Daniel Megan Ryan Hannah Tom Laura Ben Kate",
     "Smith Johnson Brown Taylor Wilson Davies Evans Clarke Walker Wright Hughes Green Baker "
     "Carter Mitchell Turner Parker Collins Morgan Bennett Reed Cooper Hayes O'Brien Murphy",
     False, " "),
    (12, "José María Lucía Sofía Mateo Alejandro Valentina Camila Diego Javier Carmen Andrés Raúl",
     "García Álvarez Fernández López Martínez Rodríguez Pérez Sánchez Romero Torres Navarro "
     "Gómez Ortiz Núñez", False, " "),
    (8, "Zoë Lukas Jonas Lena Anna Felix Greta Jörg Søren Ingrid Björn Astrid Niklas",
     "Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Schäfer Krüger Larsen "
     "Nyström Andersson Østergaard", False, " "),
    (8, "Chloé Léa Hélène Théo Étienne Céline François Manon Giulia Marco Francesca Luca Chiara",
     "Dubois Lefèvre Moreau Laurent Girard Rousseau Mercier Rossi Russo Bianchi Romano Esposito",
     False, " "),
    (4, "Łukasz Zofia Wojciech Agnieszka Tomáš Jiří Kateřina Ewa",
     "Nowak Kowalski Wiśniewska Dvořák Novák Kowalczyk Szymańska", False, " "),
    (6, "Chinedu Adaeze Oluwaseun Amaka Kwame Ama Emeka Ngozi Tunde Abena",
     "Okafor Adeyemi Mensah Okonkwo Boateng Eze Nwosu Balogun Asante Owusu", False, " "),
    (9, "Priya Arjun Ananya Rohan Aisha Vikram Kavya Sanjay Meera Rahul Neha Imran",
     "Patel Sharma Singh Gupta Iyer Reddy Khan Nair Desai Mehta Chatterjee Rao", False, " "),
    (4, "Wei Mei Jun Xin Hao Lin Yan", "Chen Wang Li Zhang Liu Huang Zhou", False, " "),
    (2, "Hiroshi Yuki Haruto Sakura Aoi Ren", "Tanaka Sato Suzuki Watanabe Kobayashi", False, " "),
    (2, "Min-jun Ji-woo Seo-yeon Do-hyun", "Kim Park Lee Choi Jung", False, " "),
    (2, "Anh Linh Minh Thảo Quân", "Nguyễn Trần Lê Phạm Hoàng", True, " "),
    (3, "Elif Mehmet Ayşe Emre Zeynep Burak", "Yılmaz Kaya Demir Şahin Çelik Öztürk", False, " "),
    (1.2, "太郎:taro 花子:hanako 翔:sho 美咲:misaki 健太:kenta 陽菜:hina",
     "山田:yamada 佐藤:sato 鈴木:suzuki 高橋:takahashi 田中:tanaka", True, " "),
    (1, "伟:wei 芳:fang 静:jing 磊:lei 敏:min", "王:wang 李:li 张:zhang 陈:chen 刘:liu", True, ""),
    (0.8, "ليلى:layla يوسف:youssef مريم:maryam عمر:omar", "حداد:haddad منصور:mansour خوري:khoury",
     False, " "),
)  # fmt: skip

HOSTILE = (
    "[bold]Not bold[/]",
    "[/]",
    "[red]Red Flag[/red] Realty",
    "[link=https://example.com]Click me[/link]",
    "Robert'); DROP TABLE lead;--",
    "<script>alert('hi')</script>",
    "\x1b[31mEscape Artist\x1b[0m",
    "Mr \u202eRight-to-Left\u202c Override",
    "🌸 Petal Power 🌸",
    "Z̷a̸l̵g̶o̴ Zed",
    " ".join(["Wolfeschlegelsteinhausenbergerdorff"] * 5),
)

# Business kind: "name words", "things a deal is about", "titles".
KINDS = (
    ("Flowers|Florist|Floral Studio|Blooms", "the spring wedding flowers|weekly lobby "
     "arrangements|the Mother's Day rush", "Head Florist|Owner|Studio Manager"),
    ("Realty|Real Estate|Homes|Properties", "the new listings|the open-house photos|the spring "
     "listings", "Broker|Agent|Office Manager"),
    ("Creative|Digital|Media|Marketing", "the rebrand|the Q1 campaign|the website refresh",
     "Creative Director|Account Director|Founder"),
    ("Dental|Dental Care|Family Dentistry|Smiles", "the new-patient mailer|the hygiene "
     "reminders|the second-chair plan", "Practice Manager|Dentist|Office Manager"),
    ("Café|Coffee|Coffee Roasters|Bakery & Café", "the catering menu|the wholesale order|the "
     "holiday pop-up", "Owner|Head Barista|General Manager"),
    ("Weddings|Events|Wedding Co.", "the spring event|the June wedding|the venue tour",
     "Lead Planner|Founder|Events Coordinator"),
    ("Yoga|Fitness|Pilates Studio", "the corporate classes|the January promo|the member app",
     "Studio Manager|Owner|Head Coach"),
    ("Salon|Hair Studio|Barbers|Spa", "the booking system|the bridal package|the loyalty "
     "cards", "Owner|Senior Stylist|Salon Manager"),
    ("Law|Legal|Accounting|Bookkeeping", "the tax-season retainer|the client portal|the "
     "year-end review", "Managing Partner|Senior Associate|Office Manager"),
    ("Plumbing|Electric|Roofing|Landscaping", "the spring maintenance contracts|the fleet "
     "pricing|the new van wraps", "Owner|Estimator|Operations Manager"),
    ("Photography|Photo|Studios", "the headshot day|the wedding package|the product shoot",
     "Lead Photographer|Owner|Studio Manager"),
    ("Vet Clinic|Animal Hospital|Pet Care", "the reminder postcards|the puppy-class "
     "launch|the second site", "Practice Manager|Veterinarian|Owner"),
    ("Kitchen|Bistro|Trattoria|Taqueria", "the private-dining menu|the holiday party "
     "bookings|the patio season", "Head Chef|General Manager|Owner"),
    ("Inn|B&B|Guest House", "the summer group booking|the wedding block|the off-season "
     "offer", "Innkeeper|Owner|Front Desk Manager"),
)  # fmt: skip
PLACES = (
    "Maple", "Harbor", "Riverside", "Northgate", "Oakwood", "Sunset", "Lakeview", "Willow",
    "Cedar", "Granite", "Bayside", "Meadow", "Hillcrest", "Elm", "Summit", "Juniper", "Copper",
    "Ivy", "Linden", "Foxglove", "Brightwater", "Kingsley", "Westbrook", "Fairview", "Ashford",
    "Stonebridge", "Marigold", "Bluebell", "Larkspur", "Magnolia",
)  # fmt: skip
TLDS = (".com", ".com", ".com", ".co", ".net", ".co.uk", ".de", ".fr", ".ca", ".com.au")
FREEMAIL = ("gmail.com", "outlook.com", "icloud.com", "proton.me", "yahoo.com")
STEPS = (
    "Send the quote for {}", "Book a call to walk through {}", "Email the proposal for {}",
    "Confirm the budget for {}", "Follow up on {}", "Ask who signs off on {}",
    "Confirm the timeline for {}",
)  # fmt: skip
GENERIC_STEPS = (
    "Call to confirm the meeting time", "Send the contract", "Check in after their busy season",
    "Ask how they want to be followed up", "Send the case study they asked about",
    "Book a demo",
)  # fmt: skip
WON_STEPS = ("Send the welcome pack", "Schedule onboarding", "Ask for a referral", "")
LOST_REASONS = (
    "price", "went with a competitor", "timing", "no budget this year", "doing it in-house",
    "stopped replying", "too small for us",
)  # fmt: skip
TAGS = ("referral", "enterprise", "smb", "renewal", "upsell", "partner", "trial", "q1")
NOTES = (
    "Met at the Chamber mixer.", "Prefers texts after 5pm.", "Budget approved for Q1.",
    "Two locations; decisions at head office.", "Referred by their accountant.",
    "Wants examples from similar businesses.", "Busy season is Nov-Dec; don't push.",
    "Asked about monthly billing.", "Co-owns the business with her sister.",
    "Call the front desk and ask for the owner.", "Unhappy with current supplier.",
    "Opening a second site in spring.", "Only reads email on Mondays.",
    "Needs sign-off from the partners.", "Loved the sample.", "Speaks French and English.",
    "Asked us not to call before 10.", "Comparing three quotes.",
)  # fmt: skip
LONG_NOTES = (
    "Call recap: three locations, and the owner signs off on everything. The current supplier "
    "has been late twice a month since spring, which is the real pain; price came up only once. "
    "Budget is there but not before January. Wants one proposal covering the weekly work plus "
    "two events, with monthly invoicing. Asked for a text rather than a call next time.",
    "Needs:\n- one invoice a month\n- delivery before 8am\n- a named contact, not a help desk\n"
    "Worries: last vendor locked them into a two-year contract.",
    "Met at the trade show.\nHusband runs the books; loop him in on pricing.\n"
    "Kids' sports on Thursdays, so no calls after 4pm then.",
)
HOSTILE_NOTE = "[b]A 10,000-character note[/b] with [red]markup[/red]. " * 200
CONTACT_NOTES = {
    "no_answer": ("", "Rang out.", "No reply yet.", "Bounced back once; resent."),
    "left_message": ("", "Left a short voicemail.", "Left a message with reception."),
    "replied": ("Asked for pricing.", "Wants to talk next week.", "Said thanks, will read it."),
    "talked": ("Good chat about their goals.", "Walked through options.", "Busy; call later."),
    "meeting_booked": ("Meeting booked.", "Booked a site visit.", "Demo on the calendar."),
    "objection": ("Thinks it's too expensive.", "Happy with current provider.", "Bad timing."),
    "not_interested": ("Not interested for now.", "Said no thanks."),
    "won": ("Signed!", "Paid the deposit.", "Verbal yes; contract sent back."),
    "lost": ("Chose another vendor.", "Went quiet after the quote.", "Budget cut."),
}
