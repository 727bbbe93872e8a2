using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Cli.Demo;
using CsCheck;

namespace Cleanup.Tests.Hostile;

/// <summary>One generated input and a short account of how it was made (what a failure prints, not the bytes).</summary>
public sealed record HostileInput(string What, byte[] Bytes)
{
    public override string ToString() => $"{What} ({Bytes.Length} bytes)";
}

/// <summary>
/// Hostile inputs made from a valid STOPPED event of the fleet's one stopped task: its fields changed, removed,
/// doubled or renamed, given wrong types, other tasks', accounts', regions' and clusters' ARNs, ARNs with something
/// after them, huge and deeply nested values, absurd and lenient timestamps; the same inside an SQS batch and its
/// records; invalid UTF-8 put into the bytes; truncations; random bytes. Every event carries a secret-looking
/// container override, which no log line may ever repeat.
/// </summary>
public sealed class HostileInputs(string stoppedEvent, IReadOnlyList<string> taskArns, string region, string account)
{
    /// <summary>
    /// The value of a container override in every generated event. Never generated into a field the parser reads: a
    /// quoted fragment of such a field may rightly show it.
    /// </summary>
    public const string Secret = "hunter2-Hostile-db-password-7f3a";

    /// <summary>What huge strings are made of; a run of it longer than a quoted fragment must never reach the log.</summary>
    public const char Filler = 'Q';

    private static readonly string[] _eventKeys = ["id", "source", "detail-type", "account", "region", "time", "version", "resources", "detail"];
    private static readonly string[] _detailKeys = ["taskArn", "clusterArn", "lastStatus", "stoppedAt", "version", "stopCode", "desiredStatus", "containers", "overrides", "createdAt"];
    private static readonly string[] _suffixes = ["\n", "\r\n", " ", "\t", "/x", "/", ":", "\u2028", "\u0000", "\u00e9", "\ud83d\ude00", "*", "/../../etc", "?", "#"];
    private static readonly string[] _timestamps =
    [
        "9999-12-31T23:59:59Z", "9999-12-31", "0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "11/26/2026 10:00",
        "Thu, 26 Nov 2026 10:00:00 GMT", "2026-11-26", "2026-11-26T10:00:00", "2026-11-26T10:00:00Z\n", "2026-11-26T10:00:00+14:00",
        "2026-11-26T10:00:00-14:00", "2026-11-26T10:00:00+99:00", "+275760-09-13T00:00:00Z", "2026-11-26T10:00:00.123456789Z", "2026-11-26t10:00:00z",
        "2100-01-01T00:00:00Z", "8999-12-31T23:59:59Z", "2026-02-30T10:00:00Z", "",
    ];

    private static readonly string[] _statuses = ["STOPPED", "RUNNING", "stopped", "STOPPED ", "DEPROVISIONING", "", "STOPPED\n"];

    private static readonly byte[] _badBytes = [0xff, 0xfe, 0xc0, 0xc1, 0x80, 0xbf, 0xed, 0xa0, 0xf5, 0xf8];

    public Gen<HostileInput> All() => Gen.Frequency(
        (8, Direct()),
        (6, Queued()),
        (2, Gen.Select(Gen.OneOf(Direct(), Queued()), Gen.Int[1, 3], Gen.Int, InsertInvalidUtf8)),
        (1, Gen.Select(Gen.OneOf(Direct(), Queued()), Gen.Double[0, 1], (input, at) => new HostileInput($"{input.What} cut", input.Bytes[..(int)(input.Bytes.Length * at)]))),
        (1, Gen.Byte.Array[0, 300].Select(bytes => new HostileInput("random bytes", bytes))),
        (1, Gen.Select(Gen.Int[20, 100_000], Gen.Bool, (depth, arrays) => new HostileInput($"nested {depth}", Nested(depth, arrays)))));

    /// <summary>The valid event with 1-4 structured mutations.</summary>
    public Gen<HostileInput> Direct() =>
        Mutations().Array[1, 4].Select(mutations =>
        {
            var text = Apply(WithSecret(stoppedEvent), mutations);
            return new HostileInput(string.Join("; ", mutations.Select(m => m.What)), Encoding.UTF8.GetBytes(text));
        });

    /// <summary>A mutated event in an SQS batch, maybe beside valid ones, maybe with its record mutated too.</summary>
    public Gen<HostileInput> Queued() =>
        Gen.Select(Direct(), Gen.Int[0, 2], Mutations(records: true).Array[0, 2], (body, valid, recordMutations) =>
        {
            var bodies = new List<string> { Encoding.UTF8.GetString(body.Bytes) };
            bodies.AddRange(Enumerable.Repeat(WithSecret(stoppedEvent), valid));
            var batch = Apply(SqsBatch.Build([.. bodies]), recordMutations);
            var what = $"sqs[{body.What}] + {valid} valid" + string.Concat(recordMutations.Select(m => $"; record: {m.What}"));
            return new HostileInput(what, Encoding.UTF8.GetBytes(batch));
        });

    private Gen<Mutation> Mutations(bool records = false)
    {
        var scopes = records ? Gen.Const("record") : Gen.OneOf("event", "detail", "detail", "detail");
        var keys = (string scope) => scope switch
        {
            "record" => Gen.OneOf("messageId", "body", "eventSource", "Records"),
            "event" => Gen.OneOf(_eventKeys),
            _ => Gen.OneOf(_detailKeys),
        };
        var set = from scope in scopes from key in keys(scope) from value in Value(key) select Hostile.Mutation.Set(scope, key, value);
        var delete = from scope in scopes from key in keys(scope) select Hostile.Mutation.Delete(scope, key);
        var twice = from scope in scopes from key in keys(scope) from value in Value(key) select Hostile.Mutation.Twice(scope, key, value);
        var rename = from scope in scopes from key in keys(scope) from variant in Gen.OneOf<Func<string, string>>(k => k.ToUpperInvariant(), k => k + " ", k => "\u200b" + k, k => k[..^1]) select Hostile.Mutation.Rename(scope, key, variant(key));
        return Gen.Frequency<Mutation>((6, set), (2, delete), (2, twice), (1, rename));
    }

    private Gen<JsonNode?> Value(string key) => Gen.Frequency(
        (key is "taskArn" or "clusterArn" or "resources" or "messageId" ? 8 : 2, Arn().Select(Node)),
        (key is "stoppedAt" or "createdAt" or "time" ? 8 : 1, Timestamp().Select(Node)),
        (key is "lastStatus" or "desiredStatus" ? 6 : 1, Gen.OneOf(_statuses).Select(Node)),
        (key is "region" or "account" ? 6 : 1, Gen.OneOf(region, account, "eu-west-1", "us-east-1 ", "210987654321", "12345678901", "US-EAST-1").Select(Node)),
        (key is "source" or "detail-type" ? 4 : 0, Gen.OneOf("aws.ecs", "aws.events", "ECS Task State Change", "Scheduled Event", "aws:sqs").Select(Node)),
        (2, Gen.String.Select(Node)),
        (1, Gen.Int[1_000, 1_100_000].Select(n => Node(new string(Filler, n)))),
        (1, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const(() => (JsonNode?)null)),
        (1, Arn().Array[0, 3].Select(arns => (JsonNode?)new JsonArray([.. arns.Select(Node)]))),
        (1, Arn().Select(arn => (JsonNode?)new JsonObject { ["taskArn"] = arn })),
        (1, Gen.Int[1, 40].Select(depth => JsonNode.Parse(Encoding.UTF8.GetString(Nested(depth, arrays: false))))));

    // Real ARNs of the fleet's tasks and clusters, then the stopped task's ARN bent every way the red team tried.
    private Gen<string> Arn()
    {
        var known = Gen.OneOf([.. taskArns, .. taskArns.Select(ClusterOf)]);
        var bent = Gen.Select(known, Gen.OneOf(_suffixes), Gen.Bool, (arn, suffix, before) => before ? suffix + arn : arn + suffix);
        var elsewhere = Gen.Select(known, Gen.OneOf<(string, string)>(
            ($":{account}:", ":210987654321:"), ($":{region}:", ":eu-west-1:"), ("/shells/", "/other/"), ("/shells", "/other"),
            ("arn:aws:", "arn:aws-cn:"), (":ecs:", ":ec2:"), (":task/", ":container/"), (":cluster/", ":task/")), (arn, swap) => arn.Replace(swap.Item1, swap.Item2, StringComparison.Ordinal));
        var cut = Gen.Select(known, Gen.Double[0, 1], (arn, at) => arn[..(int)(arn.Length * at)]);
        return Gen.Frequency((3, known), (3, bent), (3, elsewhere), (1, cut));
    }

    private static Gen<string> Timestamp() => Gen.Frequency(
        (3, Gen.OneOf(_timestamps)),
        (2, Gen.DateTimeOffset.Select(t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.DateTime.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.DateTime.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

    private static string ClusterOf(string taskArn)
    {
        var parts = taskArn.Split(":task/");
        return $"{parts[0]}:cluster/{parts[1].Split('/')[0]}";
    }

    private static JsonNode? Node(string value) => JsonValue.Create(value);

    private static string WithSecret(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root["detail"]!["overrides"] = new JsonObject
        {
            ["containerOverrides"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["environment"] = new JsonArray(new JsonObject { ["name"] = "DB_PASSWORD", ["value"] = Secret }),
            }),
        };
        return root.ToJsonString();
    }

    private static string Apply(string json, IEnumerable<Mutation> mutations)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var twice = new List<Mutation>();
        foreach (var mutation in mutations)
        {
            if (mutation.Target(root) is not { } target)
            {
                continue;
            }

            if (mutation.Kind == MutationKind.Twice)
            {
                twice.Add(mutation);
            }
            else
            {
                mutation.Apply(target);
            }
        }

        // JsonNode cannot hold a key twice, so the second copy is written into the text, first in its object.
        var text = root.ToJsonString();
        foreach (var mutation in twice)
        {
            var open = mutation.Scope switch
            {
                "event" => 0,
                "detail" => text.IndexOf("\"detail\":{", StringComparison.Ordinal) + "\"detail\":".Length,
                _ => text.IndexOf("\"Records\":[{", StringComparison.Ordinal) + "\"Records\":[".Length,
            };
            if (open >= 0 && open < text.Length && text[open] == '{')
            {
                text = text.Insert(open + 1, $"{new JsonObject { [mutation.Key] = mutation.Value?.DeepClone() }.ToJsonString()[1..^1]},");
            }
        }

        return text;
    }

    private static byte[] Nested(int depth, bool arrays)
    {
        var text = new StringBuilder(depth * 6);
        for (var i = 0; i < depth; i++)
        {
            text.Append(arrays ? "[" : "{\"a\":");
        }

        text.Append("null");
        for (var i = 0; i < depth; i++)
        {
            text.Append(arrays ? ']' : '}');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // Invalid bytes, half of them just inside a string value, the others anywhere.
    private static HostileInput InsertInvalidUtf8(HostileInput input, int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new List<byte>(input.Bytes);
        for (var i = 0; i < count; i++)
        {
            var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count + 1));
            var at = random.Next(2) == 0 && quote >= 0 ? quote + 1 : random.Next(bytes.Count + 1);
            bytes.InsertRange(at, _badBytes.AsSpan(random.Next(_badBytes.Length - 1), random.Next(1, 3)).ToArray());
        }

        return new HostileInput($"{input.What} + {count} invalid UTF-8", [.. bytes]);
    }
}
