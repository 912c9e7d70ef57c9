using MedicalImaging.Server.Domain;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>Clinical context between contract and domain.</summary>
public static class ContextMapper
{
    private const int MaxTextLength = 2000;

    public static ClinicalContextInfo? ToDomain(V1.ClinicalContext? context)
    {
        if (context is null)
        {
            return null;
        }

        if (context.HasAgeYears && context.AgeYears is < 0 or > 130)
        {
            throw new InvalidRequestException("clinical_context.age_years", $"age_years {context.AgeYears} must be 0..130.");
        }

        Check("clinical_context.indication", context.Indication);
        Check("clinical_context.clinical_question", context.ClinicalQuestion);
        if (context.Symptoms.Count > 50)
        {
            throw new InvalidRequestException("clinical_context.symptoms", "At most 50 symptoms are accepted.");
        }

        foreach (var symptom in context.Symptoms)
        {
            Check("clinical_context.symptoms", symptom);
        }

        var sex = context.Sex switch
        {
            V1.Sex.Female => "female",
            V1.Sex.Male => "male",
            V1.Sex.Other => "other",
            _ => null,
        };
        return new ClinicalContextInfo(
            context.HasAgeYears ? context.AgeYears : null,
            sex,
            Blank(context.Indication),
            Blank(context.ClinicalQuestion),
            context.Symptoms.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList());
    }

    public static V1.ClinicalContext ToContract(ClinicalContextInfo context)
    {
        var message = new V1.ClinicalContext
        {
            Sex = context.Sex switch
            {
                "female" => V1.Sex.Female,
                "male" => V1.Sex.Male,
                "other" => V1.Sex.Other,
                _ => V1.Sex.Unspecified,
            },
            Indication = context.Indication ?? string.Empty,
            ClinicalQuestion = context.ClinicalQuestion ?? string.Empty,
        };
        if (context.AgeYears is { } age)
        {
            message.AgeYears = age;
        }

        message.Symptoms.AddRange(context.Symptoms);
        return message;
    }

    private static void Check(string field, string value)
    {
        if (value.Length > MaxTextLength)
        {
            throw new InvalidRequestException(field, $"{field} is {value.Length} characters; at most {MaxTextLength} are accepted.");
        }
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
