using System.Text.RegularExpressions;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>
/// A PutParameter request, read against the model and checked for everything that does not depend on the store.
/// Members a caller left out are null, so an overwrite can keep the previous version's.
/// </summary>
internal sealed partial record PutParameterInput(
    string Name,
    string Key,
    string Value,
    string? Type,
    bool Overwrite,
    string? Description,
    string? AllowedPattern,
    string? KeyId,
    string? Tier,
    string? DataType,
    IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    public static PutParameterInput Read(RequestInput input, EmulatorOptions options)
    {
        var rawName = input.String("Name", required: true, min: 1, max: ParameterModel.NameMax);
        var description = input.String("Description", min: 0, max: ParameterModel.DescriptionMax);
        // The model gives Value no length limits; AWS refuses an empty one with the usual constraint message, and
        // the maximum depends on the tier (checked later).
        var value = input.String("Value", required: true, min: 1, sensitive: true);
        var type = input.Enum("Type", ParameterModel.Types);
        var keyId = input.String("KeyId", min: 1, max: ParameterModel.KeyIdMax, pattern: ParameterModel.KeyIdPattern);
        var overwrite = input.Bool("Overwrite") ?? false;
        var allowedPattern = input.String("AllowedPattern", min: 0, max: ParameterModel.AllowedPatternMax);
        var tags = SsmModel.ReadTags(input, "Tags") ?? [];
        var tier = input.Enum("Tier", ParameterModel.Tiers);
        var policies = input.String("Policies", min: 1, max: ParameterModel.PoliciesMax);
        var dataType = input.String("DataType", min: 0, max: ParameterModel.DataTypeMax);
        input.ThrowIfInvalid();

        var name = ParameterName.Trim(rawName!);
        if (overwrite && tags.Count > 0)
        {
            throw ParameterErrors.Validation(
                "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please "
                + "remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or "
                + "RemoveTagsFromResource.");
        }

        ParameterName.CheckForWrite(name, options);
        // Expiration and notification policies would need a scheduler; refusing them beats accepting and ignoring.
        if (policies is not null)
        {
            throw ParameterErrors.Validation("Parameter policies are not supported by this emulator.");
        }

        CheckDataType(dataType);
        if (NestedParameter().IsMatch(value!))
        {
            throw ParameterErrors.Validation("Parameter value can't nest another parameter. Do not use \"{{}}\" in the value.");
        }

        CheckPattern(allowedPattern);
        var distinctTags = tags.GroupBy(t => t.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return new PutParameterInput(
            name, ParameterName.KeyOf(name), value!, type, overwrite, description, allowedPattern, keyId, tier, dataType, distinctTags);
    }

    private static void CheckDataType(string? dataType)
    {
        if (dataType is null or ParameterModel.TextDataType)
        {
            return;
        }

        // AMI ids and integrations are validated against other services, which the emulator does not have.
        throw ParameterErrors.Validation(ParameterModel.ForeignDataTypes.Contains(dataType)
            ? $"Data type {dataType} is not supported by this emulator; only {ParameterModel.TextDataType} is."
            : $"The following data type is not supported: {dataType} (Data type names are all lowercase.)");
    }

    /// <summary>
    /// AWS compiles AllowedPattern as a Java regular expression; .NET's dialect agrees on everything a value
    /// pattern normally uses (classes, anchors, quantifiers, groups).
    /// </summary>
    private static void CheckPattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw new AwsErrorException("InvalidAllowedPatternException", $"The allowed pattern {pattern} is not a valid regular expression.");
        }
    }

    /// <summary>"You can't include values wrapped in double brackets {{}} or {{ssm:parameter-name}} in a parameter value."</summary>
    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NestedParameter();
}
