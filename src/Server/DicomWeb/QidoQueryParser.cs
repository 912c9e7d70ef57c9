using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// Turns QIDO-RS query parameters (PS3.18 8.3.4) into a <see cref="QidoQuery"/>: matching keys by keyword or tag, UID
/// lists, DA/TM ranges, * and ? wildcards on text, limit/offset, includefield. A parameter that is unknown, belongs to a
/// lower level than the one searched, or has a malformed value is refused with 400 naming it.
/// </summary>
public static partial class QidoQueryParser
{
    public static QidoQuery Parse(IQueryCollection query, QueryLevel level, string? study, string? series, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = new List<QidoMatch>();
        var include = new List<DicomWebAttribute>();
        var includeAll = false;
        var limit = maxResults;
        var offset = 0;
        var p = 0;
        foreach (var (key, values) in query)
        {
            var value = values.ToString();
            switch (key)
            {
                case "limit":
                    limit = Math.Min(maxResults, NonNegative(key, value));
                    continue;
                case "offset":
                    offset = NonNegative(key, value);
                    continue;
                case "fuzzymatching":
                    if (value is not ("true" or "false"))
                    {
                        throw Bad($"Query parameter fuzzymatching must be true or false (got '{value}').");
                    }

                    continue; // accepted, not applied: names are matched with wildcards, case-insensitively
                case "includefield":
                    foreach (var field in values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                    {
                        if (field == "all")
                        {
                            includeAll = true;
                            continue;
                        }

                        include.Add(DicomWebAttributes.Find(field)
                            ?? throw Bad($"Query parameter includefield names '{field}', which this server does not keep; the attributes it keeps are listed in docs/INTEROP.md (DICOMweb)."));
                    }

                    continue;
            }

            var attribute = DicomWebAttributes.Find(key)
                ?? throw Bad($"Query parameter '{key}' is not a matching key this server supports (keywords or tags of docs/INTEROP.md, DICOMweb; or limit, offset, includefield, fuzzymatching).");
            if (!attribute.Matchable)
            {
                throw Bad($"Query parameter '{key}' is a return key only; it cannot be matched on.");
            }

            if (attribute.Level > level || (attribute == DicomWebAttributes.ModalitiesInStudy && level != QueryLevel.Study))
            {
                throw Bad($"Query parameter '{key}' is a {attribute.Level.ToString().ToLowerInvariant()}-level key; it cannot be matched in a {level.ToString().ToLowerInvariant()} search.");
            }

            if (value.Length == 0)
            {
                continue; // universal match
            }

            matches.Add(Condition(attribute, value, ref p));
        }

        return new QidoQuery
        {
            Level = level,
            StudyInstanceUid = study,
            SeriesInstanceUid = series,
            Matches = matches,
            Limit = limit,
            Offset = offset,
            ReturnAttributes = ReturnAttributes(level, includeAll, include),
        };
    }

    private static List<DicomWebAttribute> ReturnAttributes(QueryLevel level, bool all, List<DicomWebAttribute> include)
    {
        // PS3.18 Tables 10.6.3-3 to -5: a level's own attributes plus the UIDs above it; includefield adds any other.
        var chosen = DicomWebAttributes.All.Where(a => all
            ? a.Level <= level && (a.Level != QueryLevel.Study || level == QueryLevel.Study || !IsStudyComputed(a))
            : a.Level == level || a == DicomWebAttributes.StudyInstanceUid || (level == QueryLevel.Instance && a == DicomWebAttributes.SeriesInstanceUid)).ToList();
        foreach (var extra in include)
        {
            if (!chosen.Contains(extra) && (level == QueryLevel.Study || !IsStudyComputed(extra)) && extra.Level <= level)
            {
                chosen.Add(extra);
            }
        }

        return chosen;
    }

    private static bool IsStudyComputed(DicomWebAttribute a) =>
        a == DicomWebAttributes.ModalitiesInStudy || a == DicomWebAttributes.StudySeriesCount || a == DicomWebAttributes.StudyInstanceCount;

    private static QidoMatch Condition(DicomWebAttribute attribute, string value, ref int p)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        string Param(string v)
        {
            var name = "$p" + parameters.Count.ToString(CultureInfo.InvariantCulture) + "_" + attribute.Column;
            parameters[name] = v;
            return name;
        }

        var column = attribute.Column;
        string condition;
        if (attribute == DicomWebAttributes.ModalitiesInStudy)
        {
            var list = Split(value);
            condition = $"EXISTS (SELECT 1 FROM instances m WHERE m.owner = i.owner AND m.study_uid = i.study_uid AND m.modality IN ({string.Join(", ", list.Select(Param))}))";
        }
        else if (attribute.VR == "UI")
        {
            var list = Split(value);
            if (list.Any(uid => !UidPattern().IsMatch(uid)))
            {
                throw Bad($"Query parameter '{attribute.Keyword}' must be a UID or a comma-separated list of UIDs (got '{value}').");
            }

            condition = $"i.{column} IN ({string.Join(", ", list.Select(Param))})";
        }
        else if (attribute.VR is "DA" or "TM")
        {
            condition = Range(attribute, value, Param);
        }
        else if (attribute.IsNumber)
        {
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                throw Bad($"Query parameter '{attribute.Keyword}' must be an integer (got '{value}').");
            }

            condition = $"i.{column} = {Param(value)}";
        }
        else if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
        {
            condition = $"i.{column} LIKE {Param(ToLike(value))} ESCAPE '\\'";
        }
        else
        {
            condition = attribute.VR == "PN" ? $"i.{column} = {Param(value)} COLLATE NOCASE" : $"i.{column} = {Param(value)}";
        }

        p += parameters.Count;
        return new QidoMatch(attribute, condition, parameters);
    }

    private static string Range(DicomWebAttribute attribute, string value, Func<string, string> param)
    {
        var pattern = attribute.VR == "DA" ? DatePattern() : TimePattern();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var from = dash < 0 ? value : value[..dash];
        var to = dash < 0 ? value : value[(dash + 1)..];
        foreach (var bound in new[] { from, to })
        {
            if (bound.Length > 0 && !pattern.IsMatch(bound))
            {
                throw Bad($"Query parameter '{attribute.Keyword}' must be {(attribute.VR == "DA" ? "a date YYYYMMDD" : "a time HHMMSS")} or a range of them (A-B, -B, A-); got '{value}'.");
            }
        }

        if (dash < 0)
        {
            return attribute.VR == "DA" ? $"i.{attribute.Column} = {param(value)}" : $"substr(i.{attribute.Column}, 1, {value.Length}) = {param(value)}";
        }

        if (from.Length == 0 && to.Length == 0)
        {
            throw Bad($"Query parameter '{attribute.Keyword}' is a range with neither end ('-').");
        }

        var parts = new List<string>();
        if (from.Length > 0)
        {
            parts.Add($"i.{attribute.Column} >= {param(from)}");
        }

        if (to.Length > 0)
        {
            // A time's upper bound covers the whole of its last unit: 1300 includes 130059.
            parts.Add(attribute.VR == "DA" ? $"i.{attribute.Column} <= {param(to)}" : $"substr(i.{attribute.Column}, 1, {to.Length}) <= {param(to)}");
        }

        return string.Join(" AND ", parts);
    }

    private static string[] Split(string value) =>
        value.Split([',', '\\'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ToLike(string value)
    {
        var like = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            like.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return like.ToString();
    }

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Bad($"Query parameter {name} must be a non-negative integer (got '{value}').");

    private static DicomWebRequestException Bad(string message) => new(StatusCodes.Status400BadRequest, message);

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$")]
    private static partial Regex UidPattern();

    [GeneratedRegex(@"^[0-9]{8}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[0-9]{2}([0-9]{2}([0-9]{2}(\.[0-9]{1,6})?)?)?$")]
    private static partial Regex TimePattern();
}
