using System.Globalization;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>Fails start-up on chat stream timeouts that could never work, naming the variable.</summary>
public sealed class ChatStreamOptionsValidator : IValidateOptions<ProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderOptions options)
    {
        var errors = new List<string>();
        Check(errors, "CHAT_FIRST_TOKEN_TIMEOUT_SECONDS", options.ChatFirstTokenTimeoutSeconds);
        Check(errors, "CHAT_IDLE_TIMEOUT_SECONDS", options.ChatIdleTimeoutSeconds);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string variable, double seconds)
    {
        // Below 0.1 s no provider can answer; above an hour a stalled provider would hold the chat that long.
        if (double.IsNaN(seconds) || seconds is < 0.1 or > 3600)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{variable}={seconds} must be 0.1..3600 seconds."));
        }
    }
}
