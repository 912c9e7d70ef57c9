using System.Globalization;
using System.Text;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The identifiers known for one request: the identifying values of each DICOM header (harvested at decode),
/// the case id and the file names, each expanded to the forms it is written in ("DOE^JANE" also as "Jane Doe",
/// "Doe, Jane", "J. Doe"; DA "19310502" also as "1931-05-02", "05/02/1931", "2 May 1931", "May 2, 1931"…).
/// <see cref="EgressGuard"/> redacts every form from outbound text and refuses a body that still holds one.
/// A form that is a common English word ("Brown", "Doe") is matched only capitalised, so "brown sputum" stays.
/// </summary>
public sealed class IdentifierSet
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly HashSet<string> FileWords = new(StringComparer.OrdinalIgnoreCase) { "img", "dcm", "dicom", "png", "jpg", "jpeg", "tif", "tiff", "ser", "im", "se" };
    private readonly Dictionary<string, bool> _forms = new(StringComparer.OrdinalIgnoreCase);
    private readonly ClinicalVocabulary _vocabulary;

    private readonly bool _frozen;

    public IdentifierSet(ClinicalVocabulary? vocabulary = null) => _vocabulary = vocabulary ?? ClinicalVocabulary.Shipped;

    private IdentifierSet(bool frozen) : this() => _frozen = frozen;

    /// <summary>An empty set (nothing known); shared, so it cannot be added to.</summary>
    public static IdentifierSet Empty { get; } = new(frozen: true);

    /// <summary>Every form, with true for forms matched in any case and false for common words matched only capitalised.</summary>
    public IReadOnlyDictionary<string, bool> Forms => _forms;

    public int Count => _forms.Count;

    /// <summary>Adds a value and the other forms it is written in (person name, date, or a plain value and its parts).</summary>
    public IdentifierSet Add(string? value)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (value.Contains('^', StringComparison.Ordinal))
        {
            AddPersonName(value);
        }
        else if (TryDate(value, out var date))
        {
            AddDate(date, value);
        }
        else
        {
            AddForm(value);
            AddParts(value);
        }

        return this;
    }

    /// <summary>Adds every value.</summary>
    public IdentifierSet AddRange(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }

        return this;
    }

    /// <summary>A file name: the whole name, its stem, and the parts of the stem that are not ordinary words.</summary>
    public IdentifierSet AddFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return this;
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        AddForm(name);
        var stem = Path.GetFileNameWithoutExtension(name);
        AddForm(stem);
        AddParts(stem);
        return this;
    }

    private void AddParts(string value)
    {
        foreach (var part in value.Split([' ', '_', '-', '.', ',', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length == value.Length || FileWords.Contains(part))
            {
                continue;
            }

            if (part.All(char.IsAsciiDigit))
            {
                if (TryDate(part, out var date))
                {
                    AddDate(date, part);
                }
                else if (part.Length >= 4)
                {
                    AddForm(part);
                }
            }
            else if (part.Length >= 3)
            {
                AddForm(part);
            }
        }
    }

    private void AddPersonName(string value)
    {
        // PS3.5 6.2: family^given^middle^prefix^suffix, component groups split by '='.
        foreach (var group in value.Split('=', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = group.Split('^');
            string Part(int i) => i < parts.Length ? parts[i].Trim() : string.Empty;
            var family = Part(0);
            var given = Part(1);
            var middle = Part(2);
            AddForm(group.TrimEnd('^'));
            foreach (var component in new[] { family, given, middle }.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (component.TrimEnd('.').Length >= 2)
                {
                    AddForm(component.TrimEnd('.'));
                }
            }

            if (family.Length == 0 || given.Length == 0)
            {
                continue;
            }

            var f = Title(family);
            var g = Title(given);
            var m = Title(middle);
            AddForm($"{g} {f}");
            AddForm($"{f} {g}");
            AddForm($"{f}, {g}");
            AddForm($"{f},{g}");
            AddForm($"{g[0]}. {f}");
            AddForm($"{g[0]} {f}");
            AddForm($"{g[0]}.{f}");
            AddForm($"{f}, {g[0]}.");
            AddForm($"{f} {g[0]}");
            if (m.Length > 0)
            {
                AddForm($"{g} {m} {f}");
                AddForm($"{g} {m[0]}. {f}");
                AddForm($"{g} {m[0]} {f}");
                AddForm($"{f}, {g} {m}");
            }
        }
    }

    private void AddDate(DateOnly date, string original)
    {
        AddForm(original);
        var month = MonthNames[date.Month - 1];
        var shortMonth = month[..3];
        var (y, mo, d) = (date.Year, date.Month, date.Day);
        var yy = (y % 100).ToString("00", CultureInfo.InvariantCulture);
        string[] forms =
        [
            $"{y:0000}{mo:00}{d:00}", $"{y:0000}-{mo:00}-{d:00}", $"{y:0000}/{mo:00}/{d:00}", $"{y:0000}.{mo:00}.{d:00}", $"{y}-{mo}-{d}",
            $"{mo:00}/{d:00}/{y}", $"{mo}/{d}/{y}", $"{d:00}/{mo:00}/{y}", $"{d}/{mo}/{y}", $"{mo:00}-{d:00}-{y}", $"{d:00}-{mo:00}-{y}",
            $"{d:00}.{mo:00}.{y}", $"{d}.{mo}.{y}", $"{mo:00}/{d:00}/{yy}", $"{mo}/{d}/{yy}", $"{d:00}/{mo:00}/{yy}", $"{d}/{mo}/{yy}",
            $"{d} {month} {y}", $"{d} {shortMonth} {y}", $"{month} {d}, {y}", $"{month} {d} {y}", $"{shortMonth} {d}, {y}", $"{shortMonth} {d} {y}",
            $"{d}-{shortMonth}-{y}", $"{d:00}-{shortMonth}-{y}", $"{d}{Suffix(d)} {month} {y}", $"{month} {d}{Suffix(d)}, {y}",
            $"{d}{Suffix(d)} of {month} {y}", $"{d}{Suffix(d)} of {month}, {y}",
        ];
        foreach (var form in forms)
        {
            AddForm(form);
        }
    }

    private void AddForm(string form)
    {
        if (_frozen)
        {
            throw new InvalidOperationException("IdentifierSet.Empty is shared and cannot be added to; create a new IdentifierSet.");
        }

        form = form.Trim();
        if (form.Length < 2 || (form.Length < 3 && !form.All(char.IsAsciiLetterUpper)))
        {
            return;
        }

        // A common or clinical word ("Brown", "Hill", "chest") is matched only when capitalised, and never for a refusal.
        // So is an ordinary word with a short number ("image0", "chest_2"): client-made file names, not identifiers.
        var lower = form.ToLowerInvariant();
        var word = lower.TrimEnd("0123456789_-. ".ToCharArray());
        var strong = !(form.All(char.IsLetter) && (_vocabulary.IsKnown(lower) || form.Length < 3))
            && !(word.Length < lower.Length && lower.Length - word.Length <= 4 && word.All(char.IsLetter) && (word.Length == 0 || _vocabulary.IsKnown(word) || FileWords.Contains(word)));
        _forms[form] = _forms.TryGetValue(form, out var existing) ? existing || strong : strong;
    }

    private static bool TryDate(string value, out DateOnly date)
    {
        var formats = new[] { "yyyyMMdd", "yyyy-MM-dd", "yyyy.MM.dd", "yyyy/MM/dd" };
        return DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year is >= 1850 and <= 2200;
    }

    private static string Suffix(int day) => (day % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    };

    private static string Title(string value)
    {
        var text = new StringBuilder(value.Length);
        var start = true;
        foreach (var c in value)
        {
            text.Append(start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            start = !char.IsLetter(c);
        }

        return text.ToString();
    }
}
