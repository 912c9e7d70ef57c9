using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>The reference checker on its own: what counts as a reference, what is verified, what is kept.</summary>
public sealed class ReferenceHygieneTests
{
    private static readonly LiteratureCitation[] Found =
    [
        new("31415926", "Imaging of solitary pulmonary nodules.", ["Smith J", "Doe A"], "Radiology", 2019, "10.1148/radiol.2019000001", "https://pubmed.ncbi.nlm.nih.gov/31415926/"),
    ];

    [Theory]
    [InlineData("Seen before (PMID: 12345678).", "Seen before [unverified reference removed].")]
    [InlineData("As in PMID 12345678, benign.", "As in [unverified reference removed], benign.")]
    [InlineData("See doi:10.1000/xyz.", "See [unverified reference removed].")]
    [InlineData("See https://doi.org/10.1000/xyz.9 now", "See [unverified reference removed] now")]
    [InlineData("Typical (Jones et al., 2021).", "Typical [unverified reference removed].")]
    [InlineData("Typical (Smith and Doe 2020a).", "Typical [unverified reference removed].")]
    [InlineData("Read https://pubmed.ncbi.nlm.nih.gov/123/ first", "Read [unverified reference removed] first")]
    [InlineData("pmid:99", "[unverified reference removed]")]
    public void Clean_InventedReference_ReplacedByMarkerAndCounted(string text, string expected)
    {
        var cleaned = ReferenceHygiene.Clean(text, Found);

        Assert.Equal(expected, cleaned.Text);
        Assert.Equal(1, cleaned.Removed);
    }

    [Theory]
    [InlineData("As in PMID 31415926, benign.")]
    [InlineData("See doi:10.1148/radiol.2019000001.")]
    [InlineData("See https://pubmed.ncbi.nlm.nih.gov/31415926/")]
    [InlineData("Typical (Smith et al., 2019).")]
    [InlineData("Typical (Doe, 2019).")]
    public void Clean_ReferenceAmongSearchResults_Kept(string text)
    {
        var cleaned = ReferenceHygiene.Clean(text, Found);

        Assert.Equal(text, cleaned.Text);
        Assert.Equal(0, cleaned.Removed);
    }

    [Theory]
    [InlineData("Rounded 2 cm opacity (March 2021 study), 10.5 mm, [f1].")]
    [InlineData("Compared with the CT (CT, 2021) nothing changed; window 40/400.")]
    [InlineData("No references here: 1.5 T MR, 12345678 pixels.")]
    public void Clean_TextWithoutReferences_Unchanged(string text)
    {
        var cleaned = ReferenceHygiene.Clean(text, Found);

        Assert.Equal(text, cleaned.Text);
        Assert.Equal(0, cleaned.Removed);
    }

    [Fact]
    public void Clean_SeveralReferences_EachJudgedOnItsOwn()
    {
        var cleaned = ReferenceHygiene.Clean("PMID 31415926 and PMID 27182818 and (Smith et al., 2018).", Found);

        Assert.Equal("PMID 31415926 and [unverified reference removed] and [unverified reference removed].", cleaned.Text);
        Assert.Equal(2, cleaned.Removed);
    }
}
