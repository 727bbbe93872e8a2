using System.Buffers;
using System.Text;
using System.Text.Json;
using Cleanup.Execute;
using Cleanup.Options;

namespace Cleanup.Report;

/// <summary>
/// Structured logs on stdout (CloudWatch Logs on Lambda): one JSON object per decision that changed something or
/// needs a look (every decision with <see cref="DecisionLogging.All"/>), one counting the steady-state keeps, one for
/// the run, and CloudWatch Embedded Metric Format objects (<see cref="RunMetrics"/>). Nothing here ever sees an
/// activation code.
/// </summary>
public sealed class RunLog(
    TextWriter output,
    TimeProvider time,
    string? functionName = null,
    DecisionLogging decisions = DecisionLogging.Changes,
    MetricDetail metrics = MetricDetail.Default)
{
    public const string MetricNamespace = "Cleanup";

    /// <summary>The "service" key of every line, as Powertools for AWS Lambda names it, so its users' queries work.</summary>
    public const string Service = "cleanup";

    // The first run of a process is the execution environment's cold start; every later run is warm.
    private static int _runs;

    // Log lines are read by people and Logs Insights, never embedded in HTML: '+' in a timestamp and quotes in a
    // message stay as they are instead of \u002B. Control characters are still escaped, and what is quoted from
    // input is already cut and reduced to printable ASCII by the parsers.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly bool _coldStart = Interlocked.Increment(ref _runs) == 1;

    /// <summary>
    /// Longest line written, in UTF-8 bytes: far below CloudWatch's 256 KB event limit, so a line is never split into
    /// two that are each invalid JSON, and a hostile value cannot make one line cost what a whole run does.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024;

    // What the short form of an over-long line keeps of any one value.
    private const int MaxShortValue = 1024;

    private readonly Lock _gate = new();

    // Steady-state keeps not logged one by one (DecisionLogging.Changes), per reason, until the run's line.
    private readonly Dictionary<string, int> _counted = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private char[] _chars = new char[4096];

    /// <summary>One decision, written as it is applied, so a run cut short still leaves what it did.</summary>
    public void WriteDecision(ItemOutcome item, string? eventId, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (decisions == DecisionLogging.Changes && SteadyKeeps.Contains(item))
        {
            lock (_gate)
            {
                _counted[item.Decision.Reason] = _counted.GetValueOrDefault(item.Decision.Reason) + 1;
            }

            return;
        }

        var level = item.Status == OutcomeStatus.Failed ? "error" : "info";
        Line(
            json =>
            {
                Header(json, level, "decision", eventId, dryRun);
                RunResultJson.WriteItemFields(json, item);
            },
            json =>
            {
                // Over the cap: the decision without its evidence, each value cut short.
                Header(json, level, "decision", eventId, dryRun);
                json.WriteString("kind", Names.Of(item.Decision.Kind));
                json.WriteString("id", Cut(item.Decision.ResourceId));
                json.WriteString("action", Names.Of(item.Decision.Action));
                json.WriteString("outcome", Names.Of(item.Status));
                json.WriteString("reason", Cut(item.Decision.Reason));
                json.WriteString("taskArn", Cut(item.Decision.TaskArn));
                json.WriteString("errorCode", Cut(item.ErrorCode));
            });
        output.Flush();
    }

    /// <summary>One SQS message that was not acted on (rejected or ignored), by its message id.</summary>
    public void WriteMessage(string messageId, string level, string message, string detail, bool dryRun)
    {
        Line(json =>
        {
            Header(json, level, message, null, dryRun);
            json.WriteString("messageId", messageId);
            json.WriteString("detail", detail);
        });
    }

    /// <summary>What happened to the sweep lease (taken, skipped, given back), with the holder it names.</summary>
    public void WriteLease(string level, string message, string lease, string detail, string? eventId, bool dryRun)
    {
        Line(json =>
        {
            Header(json, level, message, eventId, dryRun);
            json.WriteString("lease", lease);
            json.WriteString("detail", detail);
        });
        output.Flush();
    }

    /// <summary>The run's own line, each task's settlement, and the metrics (EMF).</summary>
    public void WriteRun(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteCounted(result);
        foreach (var task in result.Tasks)
        {
            Line(json =>
            {
                Header(json, task.Settled ? "info" : "error", "task", result.EventId, result.DryRun);
                json.WriteString("taskArn", task.TaskArn);
                json.WriteString("ecsState", task.EcsState);
                json.WriteBoolean("settled", task.Settled);
                json.WriteString("detail", task.Detail);
            });
        }

        Line(json =>
        {
            var level = result.Status is RunStatus.Failed or RunStatus.Rejected or RunStatus.BrakeTripped ? "error" : "info";
            Header(json, level, "run finished", result.EventId, result.DryRun);
            json.WriteString("status", Names.Of(result.Status));
            json.WriteString("detail", result.Message);
            foreach (var (name, value) in RunMetrics.Values(result))
            {
                json.WriteNumber(name, value);
            }
        });
        WriteMetrics(result);
        output.Flush();
    }

    // One EMF object for the run, and (detailed only) one per kept reason: a dimension value is per object.
    private void WriteMetrics(RunResult result)
    {
        var directives = RunMetrics.Directives(result, metrics);
        if (directives.Count > 0)
        {
            var values = RunMetrics.Values(result).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            Line(json =>
            {
                WriteEmf(json, directives, RunMetrics.TriggerValue(result), null);
                foreach (var name in directives.SelectMany(d => d.Metrics).Distinct(StringComparer.Ordinal))
                {
                    json.WriteNumber(name, values[name]);
                }
            });
        }

        foreach (var (reason, count) in RunMetrics.KeptByReason(result, metrics))
        {
            Line(json =>
            {
                WriteEmf(json, [new([[RunMetrics.TriggerDimension, RunMetrics.ReasonDimension]], ["KeptByReason"])], RunMetrics.TriggerValue(result), reason);
                json.WriteNumber("KeptByReason", count);
            });
        }
    }

    // The steady-state keeps that had no line of their own, so the log still says how many there were and why.
    private void WriteCounted(RunResult result)
    {
        KeyValuePair<string, int>[] counted;
        lock (_gate)
        {
            counted = [.. _counted.OrderBy(c => c.Key, StringComparer.Ordinal)];
            _counted.Clear();
        }

        if (counted.Length == 0)
        {
            return;
        }

        Line(json =>
        {
            Header(json, "info", "kept, counted", result.EventId, result.DryRun);
            json.WriteNumber("count", counted.Sum(c => c.Value));
            json.WriteStartObject("byReason");
            foreach (var (reason, count) in counted)
            {
                json.WriteNumber(reason, count);
            }

            json.WriteEndObject();
            json.WriteString("detail", $"steady-state keeps are counted here, not logged one by one; {EnvironmentOptions.LogDecisionsVariable}=all logs each");
        });
    }

    private void WriteEmf(Utf8JsonWriter json, IReadOnlyList<MetricDirective> directives, string trigger, string? reason)
    {
        json.WriteStartObject("_aws");
        json.WriteNumber("Timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
        json.WriteStartArray("CloudWatchMetrics");
        foreach (var directive in directives)
        {
            json.WriteStartObject();
            json.WriteString("Namespace", MetricNamespace);
            json.WriteStartArray("Dimensions");
            foreach (var set in directive.DimensionSets)
            {
                json.WriteStartArray();
                foreach (var dimension in set)
                {
                    json.WriteStringValue(dimension);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var name in directive.Metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", name == "DeadNodeHours" ? "None" : "Count");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("Trigger", trigger);
        if (reason is not null)
        {
            json.WriteString("Reason", reason);
        }
    }

    private void Header(Utf8JsonWriter json, string level, string message, string? eventId, bool dryRun)
    {
        json.WriteString("timestamp", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("level", level);
        json.WriteString("message", message);
        json.WriteString("service", Service);
        json.WriteBoolean("cold_start", _coldStart);
        if (functionName is not null)
        {
            json.WriteString("function_name", functionName);
        }

        if (eventId is not null)
        {
            json.WriteString("eventId", eventId);
        }

        json.WriteBoolean("dryRun", dryRun);
    }

    // One buffer and char array for every line: a sweep logs a line per item, and a fresh stream, byte array and
    // string per line were about 30% of what a 5,000-node sweep allocated (bench --sweep). Lines may come from the
    // executor's concurrent removals, so building one is serialised.
    // A line over MaxLineBytes is written in its short form, marked "truncated"; one still over it (or without a
    // short form) becomes a line that says only how long it was.
    private void Line(Action<Utf8JsonWriter> body, Action<Utf8JsonWriter>? shortBody = null)
    {
        lock (_gate)
        {
            Render(body, truncated: false);
            var full = _buffer.WrittenCount;
            if (full > MaxLineBytes && shortBody is not null)
            {
                Render(shortBody, truncated: true);
            }

            if (_buffer.WrittenCount > MaxLineBytes)
            {
                Render(
                    json =>
                    {
                        json.WriteString("timestamp", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteString("level", "error");
                        json.WriteString("message", "log line over the size cap");
                        json.WriteNumber("bytes", full);
                    },
                    truncated: true);
            }

            var bytes = _buffer.WrittenSpan;
            var length = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (_chars.Length < length)
            {
                _chars = new char[Math.Max(length, _chars.Length * 2)];
            }

            var written = Encoding.UTF8.GetChars(bytes, _chars);
            output.WriteLine(_chars.AsSpan(0, written));
        }
    }

    private void Render(Action<Utf8JsonWriter> body, bool truncated)
    {
        _buffer.ResetWrittenCount();
        using var json = new Utf8JsonWriter(_buffer, _writerOptions);
        json.WriteStartObject();
        body(json);
        if (truncated)
        {
            json.WriteBoolean("truncated", true);
        }

        json.WriteEndObject();
    }

    private static string? Cut(string? value) =>
        value is { Length: > MaxShortValue } ? string.Concat(value.AsSpan(0, MaxShortValue), "…") : value;
}
