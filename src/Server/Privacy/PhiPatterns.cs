using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The pattern half of the free-text detector: dates in their written forms, ages over 89, phone and fax
/// numbers, identifiers (after a keyword or by their shape), street addresses and postcodes, e-mail, URLs
/// and IP addresses. Patterns lean towards recall: "5/2" is taken for a date, any 5-digit run for an id.
/// </summary>
internal static partial class PhiPatterns
{
    private const string Month = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    private const string Ordinal = @"\d{1,2}(?:st|nd|rd|th)?";

    /// <summary>Every pattern with the kind it finds and the group that holds the span (0: the whole match).</summary>
    public static IEnumerable<(Regex Pattern, PhiKind Kind, int Group)> All()
    {
        yield return (Email(), PhiKind.Email, 0);
        yield return (Url(), PhiKind.Url, 0);
        yield return (BareDomain(), PhiKind.Url, 0);
        yield return (Uid(), PhiKind.Id, 0);
        yield return (Ipv4(), PhiKind.Ip, 0);
        yield return (Ipv6(), PhiKind.Ip, 0);
        yield return (NumericDate(), PhiKind.Date, 0);
        yield return (CompactDate(), PhiKind.Date, 0);
        yield return (ShortSlashDate(), PhiKind.Date, 0);
        yield return (DayMonthYear(), PhiKind.Date, 0);
        yield return (MonthDayYear(), PhiKind.Date, 0);
        yield return (MonthYear(), PhiKind.Date, 0);
        yield return (MonthAlone(), PhiKind.Date, 0);
        yield return (Holiday(), PhiKind.Date, 0);
        yield return (AgePhrase(), PhiKind.Age, 0);
        yield return (AgeAfterWord(), PhiKind.Age, 1);
        yield return (AgeSexShorthand(), PhiKind.Age, 0);
        yield return (AgeInWords(), PhiKind.Age, 0);
        yield return (LoneOrdinalDay(), PhiKind.Date, 1);
        yield return (Ssn(), PhiKind.Id, 0);
        yield return (PhoneAfterWord(), PhiKind.Phone, 1);
        yield return (Phone(), PhiKind.Phone, 0);
        yield return (ShortPhone(), PhiKind.Phone, 0);
        yield return (IdAfterKeyword(), PhiKind.Id, 1);
        yield return (HashId(), PhiKind.Id, 0);
        yield return (StreetAddress(), PhiKind.Address, 0);
        yield return (PoBox(), PhiKind.Address, 0);
        yield return (Unit(), PhiKind.Address, 0);
        yield return (CityStateZip(), PhiKind.Address, 0);
        yield return (UkPostcode(), PhiKind.Address, 0);
        yield return (DigitRun(), PhiKind.Id, 0);
        yield return (SpacedDigits(), PhiKind.Id, 0);
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:https?://|ftp://|www\.)[^\s<>""')\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|info|health|nhs\.uk|co\.uk|uk|de|fr|nl|ca|au|us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BareDomain();

    [GeneratedRegex(@"\b\d+(?:\.\d+){4,}\b")]
    private static partial Regex Uid();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b")]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"(?<![\d/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])")]
    private static partial Regex ShortSlashDate();

    [GeneratedRegex(@"\b" + Ordinal + @"(?:\s+of)?[\s-]+" + Month + @"(?:,?[\s-]+(?:\d{4}|'?\d{2}))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b" + Month + @"[\s-]+" + Ordinal + @"\b(?:,?\s+\d{4}\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b" + Month + @",?\s+(?:of\s+)?(?:\d{4}|'\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthYear();

    // A month on its own is a date element too; "May" and "March" alone are too often a verb, so only mid-sentence capitals.
    [GeneratedRegex(@"\b(?:January|February|April|June|July|August|September|October|November|December|(?<=[a-z,]\s)(?:March|May))\b")]
    private static partial Regex MonthAlone();

    [GeneratedRegex(@"\b(?:Christmas(?: Eve| Day)?|New Year'?s?(?: Eve| Day)?|Thanksgiving|Easter(?: Sunday| Monday)?|Halloween|Boxing Day|Independence Day)\b")]
    private static partial Regex Holiday();

    [GeneratedRegex(@"\b(?:9\d|1[0-4]\d)\s*(?:-\s*|\s)?(?:years?|yrs?|yo|y/o|y\.o\.?|year|yr)(?:[\s-]*old)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgePhrase();

    [GeneratedRegex(@"\b(?:aged?|age of|ages)\s*:?\s*(9\d|1[0-4]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeAfterWord();

    [GeneratedRegex(@"\b(?:9\d|1[0-4]\d)\s?(?:M|F|yM|yF)\b")]
    private static partial Regex AgeSexShorthand();

    [GeneratedRegex(@"\b(?:ninety|a hundred|one hundred|hundred)(?:[\s-](?:and[\s-])?(?:one|two|three|four|five|six|seven|eight|nine|ten))?[\s-]+(?:years?|yrs?)(?:[\s-]*old)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeInWords();

    // "on the 5th", "until the 14th": a day of the month on its own.
    [GeneratedRegex(@"\bthe\s+(\d{1,2}(?:st|nd|rd|th))\b(?!\s+(?:century|percentile|centile|rib|vertebra|cycle|day|week|dose|time|line|intercostal))", RegexOptions.IgnoreCase)]
    private static partial Regex LoneOrdinalDay();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b")]
    private static partial Regex Ssn();

    [GeneratedRegex(@"\b(?:tel|telephone|phone|ph|fax|call|pager|page|bleep|beeper|cell|mobile|contact|extension|ext|number)\b\.?[:#\s]*(?:at\s+|on\s+)?(\+?\(?\d[\d\s().-]{2,}\d)", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneAfterWord();

    [GeneratedRegex(@"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b(?:\s*(?:x|ext\.?)\s*\d{1,5})?")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b\d{3}[-.]\d{4}\b")]
    private static partial Regex ShortPhone();

    [GeneratedRegex(@"\b(?:mrn|mr\s?#|medical\s+record|record|ssn|social\s+security|accession|acc|account|acct|a/c|patient\s+id|pid|id|ids|identifier|chart|insurance|policy|member|nhs|hospital\s+(?:no|number)|case|encounter|visit|order|specimen|requisition|referral|license|licence|plate|serial|badge|claim|fin|csn|vin|passport|bed)\b\.?(?:\s*(?:number|no\.?|num|nr|#|id))?\s*(?:is|was|of)?\s*[:#=]?\s*([A-Za-z]{0,4}[-/]?\d[A-Za-z0-9/-]+(?:\s\d{2,}\b)*)", RegexOptions.IgnoreCase)]
    private static partial Regex IdAfterKeyword();

    [GeneratedRegex(@"#\s?\d[\w-]*")]
    private static partial Regex HashId();

    [GeneratedRegex(@"\b\d{1,6}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z][A-Za-z]+\.?\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Crescent|Cres|Close|Row|Trail|Pike|Alley|Mews|Gardens|Grove|Walk|Hill)\b\.?")]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"\bP\.?\s?O\.?\s+Box\s+\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex PoBox();

    [GeneratedRegex(@"\b(?:Apt|Apartment|Suite|Ste|Unit|Flat|Room|Rm)\.?\s*#?\s*\d+[A-Za-z]?\b")]
    private static partial Regex Unit();

    [GeneratedRegex(@"\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\s+\d{5}(?:-\d{4})?\b")]
    private static partial Regex CityStateZip();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"\b\d{5,}\b")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\b\d{2,}(?:[\s-]\d{2,}){2,}\b")]
    private static partial Regex SpacedDigits();
}
