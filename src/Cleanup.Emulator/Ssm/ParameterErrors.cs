namespace Cleanup.Emulator.Ssm;

/// <summary>The Parameter Store errors more than one operation answers.</summary>
internal static class ParameterErrors
{
    public static AwsErrorException NotFound(string name) => new("ParameterNotFound", $"Parameter {name} not found.");

    /// <summary>AWS's wording for a version it does not have; labels get the same answer (see GetParameter).</summary>
    public static AwsErrorException VersionNotFound(string name, string selector) =>
        new("ParameterVersionNotFound", $"Systems Manager could not find version {selector} of {name}. Verify the version and try again.");

    public static AwsErrorException Validation(string message) => new("ValidationException", message);
}
