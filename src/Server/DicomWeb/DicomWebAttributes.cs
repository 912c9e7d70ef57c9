namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// The attributes of PS3.18 Table 10.6.1-5 (study, series and instance query keys and return keys) that the index
/// keeps. Query parameters name them by keyword or by tag (e.g. PatientID or 00100020).
/// </summary>
public static class DicomWebAttributes
{
    public static readonly DicomWebAttribute StudyInstanceUid = new("StudyInstanceUID", "0020000D", "UI", QueryLevel.Study, "study_uid");
    public static readonly DicomWebAttribute PatientName = new("PatientName", "00100010", "PN", QueryLevel.Study, "patient_name");
    public static readonly DicomWebAttribute PatientId = new("PatientID", "00100020", "LO", QueryLevel.Study, "patient_id");
    public static readonly DicomWebAttribute PatientBirthDate = new("PatientBirthDate", "00100030", "DA", QueryLevel.Study, "patient_birth_date");
    public static readonly DicomWebAttribute PatientSex = new("PatientSex", "00100040", "CS", QueryLevel.Study, "patient_sex");
    public static readonly DicomWebAttribute StudyDate = new("StudyDate", "00080020", "DA", QueryLevel.Study, "study_date");
    public static readonly DicomWebAttribute StudyTime = new("StudyTime", "00080030", "TM", QueryLevel.Study, "study_time");
    public static readonly DicomWebAttribute AccessionNumber = new("AccessionNumber", "00080050", "SH", QueryLevel.Study, "accession_number");
    public static readonly DicomWebAttribute StudyId = new("StudyID", "00200010", "SH", QueryLevel.Study, "study_id");
    public static readonly DicomWebAttribute StudyDescription = new("StudyDescription", "00081030", "LO", QueryLevel.Study, "study_description");
    public static readonly DicomWebAttribute ReferringPhysicianName = new("ReferringPhysicianName", "00080090", "PN", QueryLevel.Study, "referring_physician");
    public static readonly DicomWebAttribute ModalitiesInStudy = new("ModalitiesInStudy", "00080061", "CS", QueryLevel.Study, "modalities");
    public static readonly DicomWebAttribute StudySeriesCount = new("NumberOfStudyRelatedSeries", "00201206", "IS", QueryLevel.Study, "series_count", Matchable: false);
    public static readonly DicomWebAttribute StudyInstanceCount = new("NumberOfStudyRelatedInstances", "00201208", "IS", QueryLevel.Study, "instance_count", Matchable: false);
    public static readonly DicomWebAttribute SeriesInstanceUid = new("SeriesInstanceUID", "0020000E", "UI", QueryLevel.Series, "series_uid");
    public static readonly DicomWebAttribute Modality = new("Modality", "00080060", "CS", QueryLevel.Series, "modality");
    public static readonly DicomWebAttribute SeriesNumber = new("SeriesNumber", "00200011", "IS", QueryLevel.Series, "series_number");
    public static readonly DicomWebAttribute SeriesDescription = new("SeriesDescription", "0008103E", "LO", QueryLevel.Series, "series_description");
    public static readonly DicomWebAttribute SeriesInstanceCount = new("NumberOfSeriesRelatedInstances", "00201209", "IS", QueryLevel.Series, "series_instance_count", Matchable: false);
    public static readonly DicomWebAttribute SopInstanceUid = new("SOPInstanceUID", "00080018", "UI", QueryLevel.Instance, "sop_uid");
    public static readonly DicomWebAttribute SopClassUid = new("SOPClassUID", "00080016", "UI", QueryLevel.Instance, "sop_class_uid");
    public static readonly DicomWebAttribute InstanceNumber = new("InstanceNumber", "00200013", "IS", QueryLevel.Instance, "instance_number");
    public static readonly DicomWebAttribute Rows = new("Rows", "00280010", "US", QueryLevel.Instance, "rows", Matchable: false);
    public static readonly DicomWebAttribute Columns = new("Columns", "00280011", "US", QueryLevel.Instance, "columns", Matchable: false);
    public static readonly DicomWebAttribute NumberOfFrames = new("NumberOfFrames", "00280008", "IS", QueryLevel.Instance, "frames", Matchable: false);

    /// <summary>Every attribute, study level first.</summary>
    public static IReadOnlyList<DicomWebAttribute> All { get; } =
    [
        StudyInstanceUid, PatientName, PatientId, PatientBirthDate, PatientSex, StudyDate, StudyTime, AccessionNumber, StudyId,
        StudyDescription, ReferringPhysicianName, ModalitiesInStudy, StudySeriesCount, StudyInstanceCount,
        SeriesInstanceUid, Modality, SeriesNumber, SeriesDescription, SeriesInstanceCount,
        SopInstanceUid, SopClassUid, InstanceNumber, Rows, Columns, NumberOfFrames,
    ];

    /// <summary>The attribute a query parameter names (keyword, case-sensitive as in PS3.6, or 8 hex digits), or null.</summary>
    public static DicomWebAttribute? Find(string name) =>
        All.FirstOrDefault(a => a.Keyword == name || string.Equals(a.Tag, name, StringComparison.OrdinalIgnoreCase));
}
