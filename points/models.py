import re

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


def normalise_label(label: str) -> str:
    """The search key of a label: upper case, letters and digits only ("UB 40" → "UB40")."""
    return re.sub(r"[^0-9A-Z]", "", label.upper())


class Source(models.Model):
    """One of the articles (or studies) the catalogue is checked against, credited by title."""

    class Kind(models.TextChoices):
        BLOG = "blog", "Self-care blog post"
        RETAILER = "retailer", "Retailer's blog"
        HEALTH = "health", "General health blog"
        GUIDE = "guide", "How-to guide with expert review"
        STUDY = "study", "Published clinical study"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField(help_text="What the article recommends, in our own words.")
    schedule = models.CharField(
        max_length=200, blank=True, help_text="How often the article says to practise."
    )
    caveat = models.TextField(blank=True, help_text="What a reader should know about this source.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("points:source", args=[self.slug])


class Complaint(models.Model):
    """What a point is recommended for: lower back, sciatica, hip, knee, leg, neck and shoulder."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Point(models.Model):
    class Channel(models.TextChoices):
        LU = "LU", "Lung"
        LI = "LI", "Large Intestine"
        ST = "ST", "Stomach"
        SP = "SP", "Spleen"
        HT = "HT", "Heart"
        SI = "SI", "Small Intestine"
        BL = "BL", "Bladder"
        KI = "KI", "Kidney"
        PC = "PC", "Pericardium"
        TE = "TE", "Triple Energizer"
        GB = "GB", "Gallbladder"
        LR = "LR", "Liver"
        GV = "GV", "Governor Vessel"
        CV = "CV", "Conception Vessel"
        EX = "EX", "Extra point"

    class Region(models.TextChoices):
        LOWER_BACK = "lower-back", "Lower back"
        BUTTOCK_HIP = "buttock-hip", "Buttock and hip"
        ABDOMEN = "abdomen", "Abdomen"
        UPPER_BACK = "upper-back", "Shoulder blade"
        LEG = "leg", "Knee and leg"
        FOOT = "foot", "Ankle and foot"
        HAND = "hand", "Hand and wrist"
        HEAD = "head", "Head"

    class Pressure(models.TextChoices):
        GENTLE = "gentle", "Gentle"
        MODERATE = "moderate", "Moderate"
        FIRM = "firm", "Firm"

    class Laterality(models.TextChoices):
        BILATERAL = "bilateral", "Both sides of the body"
        MIDLINE = "midline", "On the midline"

    class Reach(models.TextChoices):
        HAND = "hand", "By hand"
        BALL = "ball", "With a tennis ball"
        HELPER = "helper", "Needs a helper"

    code = models.CharField(max_length=12, unique=True, help_text="WHO standard code, e.g. BL40.")
    channel = models.CharField(max_length=2, choices=Channel.choices)
    number = models.PositiveSmallIntegerField(default=0)
    pinyin = models.CharField(max_length=60)
    name = models.CharField("English name", max_length=100)
    place = models.CharField(
        max_length=80,
        blank=True,
        db_default="",
        help_text="Where it is in a few words, as the guided session says it: “behind the knee”.",
    )
    region = models.CharField(max_length=20, choices=Region.choices)
    summary = models.CharField(max_length=300, help_text="One line: what it is used for.")
    location = models.TextField(help_text="Where it is, by anatomical landmarks.")
    how_to_find = models.TextField(help_text="Steps to find it, one per line.")
    technique = models.TextField(help_text="How to press.")
    hold_seconds = models.PositiveSmallIntegerField(
        "Usual hold (seconds)", validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    pressure = models.CharField(max_length=10, choices=Pressure.choices)
    laterality = models.CharField(max_length=10, choices=Laterality.choices)
    reach = models.CharField(max_length=10, choices=Reach.choices)
    cautions = models.TextField(blank=True)
    avoid_in_pregnancy = models.BooleanField(default=False)
    mapping_uncertain = models.BooleanField(
        default=False, help_text="The articles' description only loosely matches this point."
    )
    complaints = models.ManyToManyField(Complaint, related_name="points", blank=True)
    naming_note = models.TextField(
        blank=True,
        help_text="Which standard gives which code or name, where that needs saying.",
    )

    class Meta:
        ordering = ["channel", "number", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hold_seconds__gte=5, hold_seconds__lte=600),
                name="point_hold_between_5_and_600",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.pinyin} ({self.name})"

    def get_absolute_url(self) -> str:
        return reverse("points:detail", args=[self.code])

    @property
    def is_midline(self) -> bool:
        return self.laterality == self.Laterality.MIDLINE

    def how_to_find_steps(self) -> list[str]:
        return [line.strip() for line in self.how_to_find.splitlines() if line.strip()]


class Alias(models.Model):
    """A label that finds a point: an older code, a name, the pinyin, an article's label."""

    class Kind(models.TextChoices):
        CODE = "code", "Older code"
        LATER = "later", "Code in a later standard"
        SPELLED = "spelled", "Code written out"
        NAME = "name", "Name"
        PINYIN = "pinyin", "Pinyin"
        LABEL = "label", "Label used in an article"

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="aliases")
    label = models.CharField(max_length=100)
    key = models.CharField(max_length=100, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name_plural = "aliases"

    def __str__(self) -> str:
        return f"{self.label} → {self.point.code}"

    def save(self, *args, **kwargs) -> None:
        self.key = normalise_label(self.label)
        super().save(*args, **kwargs)


class Claim(models.Model):
    """What one source says about one point, and whether the standard agrees with where it puts
    the point and how it says to press it. The verdict never judges the benefits it claims."""

    class Verdict(models.TextChoices):
        AGREES = "agrees", "Place and method agree"
        IMPRECISE = "imprecise", "Place or method imprecise"
        WRONG = "wrong", "Place or name wrong"
        UNCERTAIN = "uncertain", "Uncertain mapping"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="claims")
    point = models.ForeignKey(
        Point,
        on_delete=models.CASCADE,
        related_name="claims",
        null=True,
        blank=True,
        help_text="Empty when what the article describes is not a standard point.",
    )
    label = models.CharField("Label as written", max_length=120)
    hold = models.CharField(max_length=120, blank=True)
    repetitions = models.CharField(max_length=120, blank=True)
    position = models.CharField("Body position", max_length=200, blank=True)
    location_as_described = models.TextField(blank=True)
    benefits = models.TextField(blank=True, help_text="What the article claims it helps.")
    evidence = models.TextField(
        blank=True,
        help_text="Evidence we found for those benefits; left empty, the page says none was found.",
    )
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    correction = models.TextField(blank=True, help_text="What is right, where the article is not.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["source__position", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "label"], name="claim_unique_label_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}: {self.label}"


class Overclaim(models.Model):
    """A claim an article makes beyond where a point is and how to press it, and our answer."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="overclaims")
    claim = models.TextField("What the article claims", help_text="In our own words.")
    answer = models.TextField("Our answer")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["source__position", "order"]
        constraints = [
            models.UniqueConstraint(fields=["source", "order"], name="overclaim_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}: {self.claim[:60]}"


class LabelNote(models.Model):
    """A label an article uses that is no point's name or code: what it is, and which point the
    article meant, so that searching for it explains instead of finding nothing."""

    label = models.CharField(max_length=100)
    key = models.CharField(max_length=100, unique=True, editable=False)
    note = models.TextField(help_text="What the label really is, in our own words.")
    point = models.ForeignKey(
        Point,
        on_delete=models.CASCADE,
        related_name="label_notes",
        null=True,
        blank=True,
        help_text="The point the article meant, if any.",
    )

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:
        self.key = normalise_label(self.label)
        super().save(*args, **kwargs)


class Mark(models.Model):
    """Where a point is drawn on one of the body diagrams (coordinates in that view's box)."""

    class View(models.TextChoices):
        BACK = "back", "Back"
        FRONT = "front", "Front of the trunk"
        LEG_BACK = "leg-back", "Back of the leg"
        LEG_SIDE = "leg-side", "Outer side of the leg"
        LEG_INNER = "leg-inner", "Inner side of the leg"
        FOOT_TOP = "foot-top", "Top of the foot"
        FOOT_INNER = "foot-inner", "Inner side of the foot"
        HAND_BACK = "hand-back", "Back of the hand"
        HAND_PALM = "hand-palm", "Palm and wrist"
        HEAD = "head", "Head"
        HEAD_SIDE = "head-side", "Side of the head"

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="marks")
    view = models.CharField(max_length=12, choices=View.choices)
    x = models.FloatField()
    y = models.FloatField()
    primary = models.BooleanField(default=True, help_text="The view shown first for this point.")

    class Meta:
        ordering = ["-primary", "view"]
        constraints = [
            models.UniqueConstraint(fields=["point", "view", "x", "y"], name="mark_unique_place"),
        ]

    def __str__(self) -> str:
        return f"{self.point.code} on {self.view} ({self.x:g}, {self.y:g})"


class Edition(models.Model):
    """One row whose number goes up whenever the catalogue is loaded or edited.

    Everything cached from the catalogue (pages, drawings) is keyed by this number, kept in the
    database so that every app server sees a change at once (points/edition.py).
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "catalogue edition"

    def __str__(self) -> str:
        return f"Catalogue edition {self.number}"
