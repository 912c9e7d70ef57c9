namespace MedicalImaging.Dicom;

/// <summary>A Table E.1-1 row's action once the options in force have had their say (their K and C columns).</summary>
internal static class OptionActions
{
    /// <summary>The action after the options in force: an option's K wins over another's C, either over the basic code.</summary>
    public static (DeidentificationAction Action, ValueCleaning Cleaning) For(DeidentificationOptions options, BasicProfileEntry entry)
    {
        var keep = (options.RetainPatientCharacteristics && entry.RetainPatientCharacteristics == 'K')
            || (options.RetainDeviceIdentity && entry.RetainDeviceIdentity == 'K')
            || (options.RetainInstitutionIdentity && entry.RetainInstitutionIdentity == 'K')
            || (options.RetainLongitudinalModifiedDates && entry.RetainLongitudinalModifiedDates == 'K')
            || (options.CleanDescriptors && entry.CleanDescriptors == 'K');
        if (keep)
        {
            return (DeidentificationAction.Keep, ValueCleaning.None);
        }

        if (options.RetainLongitudinalModifiedDates && entry.RetainLongitudinalModifiedDates == 'C')
        {
            return (DeidentificationAction.Clean, ValueCleaning.ShiftDates);
        }

        if ((options.CleanDescriptors && entry.CleanDescriptors == 'C')
            || (options.RetainPatientCharacteristics && entry.RetainPatientCharacteristics == 'C')
            || (options.RetainDeviceIdentity && entry.RetainDeviceIdentity == 'C'))
        {
            return (DeidentificationAction.Clean, ValueCleaning.Text);
        }

        return (BasicProfile.Resolve(entry.Code), ValueCleaning.None);
    }
}
