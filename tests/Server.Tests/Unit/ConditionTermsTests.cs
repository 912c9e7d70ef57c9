using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class ConditionTermsTests
{
    [Theory]
    [InlineData("Nodular opacity in the right upper lobe", "nodule,opacity")]
    [InlineData("Small left pleural effusion; no pneumothorax", "effusion")]
    [InlineData("No focal consolidation, effusion or pneumothorax", "")]
    [InlineData("Without fracture. Mild cardiomegaly", "cardiomegaly")]
    [InlineData("Metal-density material (≥ 2500 HU), e.g. an implant or foreign body", "metal density")]
    [InlineData("Left/right lung-field intensity asymmetry of 18%: the image-left field is denser", "asymmetry")]
    [InlineData("Masses in both lungs; haemorrhage in the left lower lobe", "hemorrhage,mass")]
    [InlineData("Massive improvement", "")]
    [InlineData("No measurement outside the ranges this local analysis checks; this does not exclude abnormality", "")]
    public void Extract_CanonicalNames_SkipsNegatedClauses(string text, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ConditionTerms.Extract(text));
    }
}
