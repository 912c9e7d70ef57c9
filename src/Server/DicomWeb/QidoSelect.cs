namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// The SELECT list of a QIDO-RS search per level: study rows aggregate their instances (ModalitiesInStudy, counts),
/// series rows count theirs; study attributes are the same on every instance of a study, so MAX picks that value.
/// </summary>
public static class QidoSelect
{
    public static IReadOnlyList<(string Column, string Expression)> For(QueryLevel level)
    {
        var list = new List<(string, string)>();
        foreach (var attribute in InstanceAttributes.Stored.Where(a => a.Level <= level))
        {
            list.Add((attribute.Column, level == QueryLevel.Instance ? "i." + attribute.Column : $"MAX(i.{attribute.Column})"));
        }

        if (level == QueryLevel.Study)
        {
            list.Add((DicomWebAttributes.ModalitiesInStudy.Column, "GROUP_CONCAT(DISTINCT i.modality)"));
            list.Add((DicomWebAttributes.StudySeriesCount.Column, "COUNT(DISTINCT i.series_uid)"));
            list.Add((DicomWebAttributes.StudyInstanceCount.Column, "COUNT(*)"));
        }
        else if (level == QueryLevel.Series)
        {
            list.Add((DicomWebAttributes.SeriesInstanceCount.Column, "COUNT(*)"));
        }

        return list;
    }

    public static string GroupBy(QueryLevel level) => level switch
    {
        QueryLevel.Study => "GROUP BY i.study_uid ORDER BY MAX(i.study_date), i.study_uid",
        QueryLevel.Series => "GROUP BY i.study_uid, i.series_uid ORDER BY i.study_uid, MAX(i.series_number), i.series_uid",
        _ => "ORDER BY i.study_uid, i.series_uid, i.instance_number, i.sop_uid",
    };
}
