using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>
/// GetParameter and GetParameterHistory. Values are kept in clear, so WithDecryption changes nothing: a SecureString
/// read without it returns the plain value here, where AWS would return ciphertext.
/// </summary>
internal sealed class ParameterQueryOperations(SsmState state, EmulatorOptions options)
{
    public JsonObject Get(RequestInput input)
    {
        var raw = input.String("Name", required: true, min: 1, max: ParameterModel.NameMax);
        input.Bool("WithDecryption");
        input.ThrowIfInvalid();
        var reference = ParameterReference.Parse(raw!, options, allowSelector: true);
        ParameterVersion version;
        lock (state.Gate)
        {
            var record = Find(reference);
            // A label selector lands here too: labels are not emulated, and ParameterVersionNotFound is the model's
            // answer for a parameter that exists without the version asked for.
            version = record.Select(reference.Selector)
                ?? throw ParameterErrors.VersionNotFound(reference.Name ?? record.Latest.Name, reference.Selector!);
        }

        var arn = ParameterName.Arn(options, reference.Key);
        return new JsonObject { ["Parameter"] = ParameterRenderer.Parameter(version, reference.Name ?? version.Name, reference.Selector, arn) };
    }

    public JsonObject History(RequestInput input)
    {
        var raw = input.String("Name", required: true, min: 1, max: ParameterModel.NameMax);
        input.Bool("WithDecryption");
        var maxResults = input.Int("MaxResults", 1, ParameterModel.HistoryPageMax) ?? ParameterModel.HistoryPageMax;
        var token = input.String("NextToken");
        input.ThrowIfInvalid();
        var reference = ParameterReference.Parse(raw!, options, allowSelector: false);
        lock (state.Gate)
        {
            var record = Find(reference);
            // Version numbers order the history and never repeat within one parameter, so they serve as page marks.
            var (page, next) = PageToken.Paginate($"GetParameterHistory:{reference.Key}", record.Versions, v => v.Version, token, maxResults);
            var items = page.Select(v => (JsonNode)ParameterRenderer.History(v, reference.Name ?? v.Name));
            return new JsonObject { ["Parameters"] = new JsonArray([.. items]) }.AddIfSet("NextToken", next);
        }
    }

    private ParameterRecord Find(ParameterReference reference) =>
        state.ParameterRecords.TryGetValue(reference.Key, out var record)
            ? record
            : throw ParameterErrors.NotFound(reference.Name ?? ParameterName.Arn(options, reference.Key));
}
