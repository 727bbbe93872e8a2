using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>
/// PutParameter and DeleteParameter. A put decides and writes under one lock, so "create unless it exists" and
/// "overwrite, answering the new version" are atomic: callers build compare-and-swap on them.
/// </summary>
internal sealed class ParameterOperations(SsmState state, EmulatorOptions options)
{
    public JsonObject Put(RequestInput input)
    {
        var request = PutParameterInput.Read(input, options);
        lock (state.Gate)
        {
            state.ParameterRecords.TryGetValue(request.Key, out var record);
            if (record is not null && !request.Overwrite)
            {
                throw new AwsErrorException(
                    "ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
            }

            // Everything that can refuse the put runs before anything changes.
            var version = NextVersion(request, record?.Latest);
            if (record is null)
            {
                record = new ParameterRecord { Sequence = state.NextSequence(), Key = request.Key };
                foreach (var (key, value) in request.Tags)
                {
                    record.Tags[key] = value;
                }

                state.ParameterRecords.Add(request.Key, record);
            }

            record.Add(version);
            return new JsonObject { ["Version"] = version.Version, ["Tier"] = version.Tier };
        }
    }

    public JsonObject Delete(RequestInput input)
    {
        var raw = input.String("Name", required: true, min: 1, max: ParameterModel.NameMax);
        input.ThrowIfInvalid();
        // A name only: "You can't enter the Amazon Resource Name (ARN) for a parameter" (its colons fail the syntax).
        var name = ParameterName.Trim(raw!);
        ParameterName.CheckSyntax(name);
        lock (state.Gate)
        {
            // All versions go with it: a parameter created again under this name starts over at version 1.
            if (!state.ParameterRecords.Remove(ParameterName.KeyOf(name)))
            {
                throw ParameterErrors.NotFound(name);
            }
        }

        return [];
    }

    /// <summary>The version this put writes; omitted members keep the previous version's. Caller holds the lock.</summary>
    private ParameterVersion NextVersion(PutParameterInput request, ParameterVersion? previous)
    {
        var type = request.Type ?? previous?.Type
            ?? throw ParameterErrors.Validation("A parameter type is required when you create a parameter.");
        // The model's HierarchyTypeMismatchException: "you can't change a parameter from a String type to a
        // SecureString type. You must create a new, unique parameter."
        if (previous is not null && type != previous.Type)
        {
            throw new AwsErrorException(
                "HierarchyTypeMismatchException",
                $"The parameter type can't be changed from {previous.Type} to {type}. Delete the parameter and create it again.");
        }

        // Inferred code: AWS documents KeyId for SecureString parameters only.
        if (request.KeyId is not null && type != ParameterModel.SecureString)
        {
            throw ParameterErrors.Validation("KeyId is required for SecureString type parameter only.");
        }

        var standardFull = previous is null
            && state.ParameterRecords.Values.Count(p => p.Latest.Tier == ParameterModel.Standard) >= ParameterModel.StandardParametersMax;
        var tier = ParameterTiers.Resolve(request.Tier, previous?.Tier, request.Value.Length, standardFull);
        ParameterTiers.CheckValue(tier, request.Value);
        if (standardFull && tier == ParameterModel.Standard)
        {
            throw new AwsErrorException(
                "ParameterLimitExceeded",
                $"You have reached the maximum number of standard parameters for this AWS account and Region ({ParameterModel.StandardParametersMax}). "
                + "To add more parameters, either delete existing parameters or upgrade to the advanced-parameter tier (charges apply).");
        }

        var pattern = request.AllowedPattern ?? previous?.AllowedPattern;
        if (!string.IsNullOrEmpty(pattern) && !Regex.IsMatch(request.Value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new AwsErrorException("ParameterPatternMismatchException", $"Parameter value, cannot be validated against allowedPattern: {pattern}");
        }

        return new ParameterVersion(
            Name: request.Name,
            Version: (previous?.Version ?? 0) + 1,
            Type: type,
            Value: request.Value,
            LastModifiedDate: options.Clock.GetUtcNow(),
            LastModifiedUser: StsQueryEndpoint.CallerArn(options),
            Description: request.Description ?? previous?.Description,
            AllowedPattern: pattern,
            KeyId: type == ParameterModel.SecureString ? request.KeyId ?? previous?.KeyId ?? ParameterModel.DefaultKeyId : null,
            Tier: tier,
            DataType: request.DataType ?? previous?.DataType ?? ParameterModel.TextDataType);
    }
}
