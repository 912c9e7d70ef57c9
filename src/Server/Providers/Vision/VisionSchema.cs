using System.Text.Json;

namespace MedicalImaging.Server.Providers.Vision;

/// <summary>
/// The JSON schema providers must answer with (strict: every property required, bounding_box nullable). Nullable is
/// written as anyOf with a null branch, never as a list-valued `type` (["object","null"]), which Gemini's
/// response_schema rejects; anyOf is accepted by OpenAI-style strict mode (Groq, OpenRouter) and Gemini alike.
/// </summary>
public static class VisionSchema
{
    public const string Name = "image_findings";

    public static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["images", "findings"],
          "properties": {
            "images": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["index", "description"],
                "properties": {
                  "index": { "type": "integer" },
                  "description": { "type": "string" }
                }
              }
            },
            "findings": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["description", "anatomy", "severity", "confidence", "image_index", "bounding_box"],
                "properties": {
                  "description": { "type": "string" },
                  "anatomy": { "type": "string" },
                  "severity": { "type": "string", "enum": ["normal", "mild", "moderate", "severe", "critical"] },
                  "confidence": { "type": "number" },
                  "image_index": { "type": "integer" },
                  "bounding_box": {
                    "anyOf": [
                      {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["x", "y", "width", "height"],
                        "properties": {
                          "x": { "type": "number" }, "y": { "type": "number" },
                          "width": { "type": "number" }, "height": { "type": "number" }
                        }
                      },
                      { "type": "null" }
                    ]
                  }
                }
              }
            }
          }
        }
        """).RootElement.Clone();
}
