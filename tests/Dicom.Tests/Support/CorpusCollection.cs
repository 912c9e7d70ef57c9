namespace MedicalImaging.Dicom.Tests;

/// <summary>Tests sharing the generated corpus.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusFixture>
{
    public const string Name = "dicom corpus";
}
