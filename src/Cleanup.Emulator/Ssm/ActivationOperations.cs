using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>CreateActivation, DescribeActivations, DeleteActivation.</summary>
internal sealed class ActivationOperations(SsmState state, EmulatorOptions options)
{
    /// <summary>
    /// AWS documents no default page size for DescribeActivations; 10 (DescribeInstanceInformation's documented
    /// default) keeps pages small so callers' pagination is exercised with a handful of activations.
    /// </summary>
    private const int DefaultPageSize = 10;

    private const string CodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] _filterKeys = ["ActivationIds", "DefaultInstanceName", "IamRole"];

    public JsonObject Create(RequestInput input)
    {
        var description = input.String("Description", min: 0, max: 256);
        var defaultName = input.String("DefaultInstanceName", min: 0, max: 256, pattern: SsmModel.TagTextPattern);
        var iamRole = input.String("IamRole", required: true, max: 64);
        var limit = input.Int("RegistrationLimit", 1, 1000);
        var expiration = input.Timestamp("ExpirationDate");
        var tags = SsmModel.ReadTags(input, "Tags") ?? [];
        foreach (var item in input.Structures("RegistrationMetadata") ?? [])
        {
            item.String("Key", required: true, min: 1, max: 128);
            item.String("Value", required: true, min: 1, max: 2048);
        }

        input.ThrowIfInvalid();

        var now = options.Clock.GetUtcNow();
        expiration ??= now.AddHours(24);
        // Error code inferred: the model lists only InvalidParameters for CreateActivation's domain checks.
        if (expiration <= now)
        {
            throw new AwsErrorException("InvalidParameters", "ExpirationDate must be in the future.");
        }

        if (expiration > now.AddDays(30))
        {
            throw new AwsErrorException("InvalidParameters", "ExpirationDate can be at most 30 days in the future.");
        }

        var distinctTags = tags.GroupBy(t => t.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        lock (state.Gate)
        {
            var record = new ActivationRecord
            {
                Sequence = state.NextSequence(),
                ActivationId = Guid.NewGuid().ToString(),
                ActivationCode = RandomNumberGenerator.GetString(CodeAlphabet, 20),
                Description = description,
                DefaultInstanceName = defaultName,
                IamRole = iamRole!,
                RegistrationLimit = limit ?? 1,
                ExpirationDate = expiration.Value,
                CreatedDate = now,
                Tags = distinctTags,
            };
            state.ActivationRecords.Add(record.ActivationId, record);
            return new JsonObject { ["ActivationId"] = record.ActivationId, ["ActivationCode"] = record.ActivationCode };
        }
    }

    public JsonObject Describe(RequestInput input)
    {
        var filters = new List<(string Key, IReadOnlyList<string> Values)>();
        foreach (var filter in input.Structures("Filters") ?? [])
        {
            var key = filter.String("FilterKey");
            var values = filter.Strings("FilterValues");
            // InvalidFilter is the model's error for this operation; refusing empty value lists is inferred.
            if (key is null || !_filterKeys.Contains(key))
            {
                throw new AwsErrorException("InvalidFilter", $"FilterKey must be one of: {string.Join(", ", _filterKeys)}.");
            }

            if (values is null || values.Count == 0)
            {
                throw new AwsErrorException("InvalidFilter", $"Filter {key} needs at least one value.");
            }

            filters.Add((key, values));
        }

        var maxResults = input.Int("MaxResults", 1, 50) ?? DefaultPageSize;
        var token = input.String("NextToken");
        input.ThrowIfInvalid();

        lock (state.Gate)
        {
            var now = options.Clock.GetUtcNow();
            var matching = state.ActivationRecords.Values
                .Where(a => filters.All(f => f.Values.Contains(FilterValue(a, f.Key), StringComparer.Ordinal)))
                .OrderBy(a => a.Sequence);
            var (page, next) = PageToken.Paginate("DescribeActivations", matching, a => a.Sequence, token, maxResults);
            var result = new JsonObject { ["ActivationList"] = new JsonArray([.. page.Select(a => Render(a, now))]) };
            return result.AddIfSet("NextToken", next);
        }
    }

    public JsonObject Delete(RequestInput input)
    {
        var id = input.String("ActivationId", required: true);
        input.ThrowIfInvalid();
        // The model's dedicated error for a malformed id is InvalidActivationId; an unknown or already deleted one
        // is InvalidActivation ("The activation might have been deleted").
        if (!Regex.IsMatch(id!, SsmModel.ActivationIdPattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new AwsErrorException("InvalidActivationId", "The activation ID isn't valid.");
        }

        lock (state.Gate)
        {
            // Registered nodes stay: deleting an activation only stops further registrations.
            if (!state.ActivationRecords.Remove(id!))
            {
                throw new AwsErrorException("InvalidActivation", $"Activation {id} doesn't exist or has been deleted.");
            }
        }

        return [];
    }

    private static string? FilterValue(ActivationRecord activation, string key) => key switch
    {
        "ActivationIds" => activation.ActivationId,
        "DefaultInstanceName" => activation.DefaultInstanceName,
        _ => activation.IamRole,
    };

    private static JsonObject Render(ActivationRecord a, DateTimeOffset now) =>
        new JsonObject { ["ActivationId"] = a.ActivationId }
            .AddIfSet("Description", a.Description)
            .AddIfSet("DefaultInstanceName", a.DefaultInstanceName)
            .AddIfSet("IamRole", a.IamRole)
            .With("RegistrationLimit", a.RegistrationLimit)
            .With("RegistrationsCount", a.RegistrationsCount)
            .With("ExpirationDate", Json.Epoch(a.ExpirationDate))
            .With("Expired", a.IsExpired(now))
            .With("CreatedDate", Json.Epoch(a.CreatedDate))
            .With("Tags", Json.TagList(a.Tags));
}
