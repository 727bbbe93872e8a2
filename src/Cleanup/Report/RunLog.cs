using System.Text.Json;
using Cleanup.Execute;
using Cleanup.Options;

namespace Cleanup.Report;

/// <summary>
/// Structured logs on stdout (CloudWatch Logs on Lambda): one JSON object per decision that changed something or
/// needs a look (every decision with <see cref="DecisionLogging.All"/>), one counting the steady-state keeps, one for
/// the run, and the run's metrics (<see cref="MetricLines"/>), each line within the size cap of <see cref="JsonLines"/>.
/// Nothing here ever sees an activation code.
/// </summary>
public sealed class RunLog(
    TextWriter output,
    TimeProvider time,
    string? functionName = null,
    DecisionLogging decisions = DecisionLogging.Changes,
    MetricDetail metrics = MetricDetail.Default)
{
    public const string MetricNamespace = MetricLines.Namespace;

    /// <summary>The "service" key of every line, as Powertools for AWS Lambda names it, so its users' queries work.</summary>
    public const string Service = "cleanup";

    /// <inheritdoc cref="JsonLines.MaxLineBytes"/>
    public const int MaxLineBytes = JsonLines.MaxLineBytes;

    // The first run of a process is the execution environment's cold start; every later run is warm.
    private static int _runs;

    private readonly bool _coldStart = Interlocked.Increment(ref _runs) == 1;

    private readonly JsonLines _lines = new(output, time);
    private readonly Lock _gate = new();

    // Steady-state keeps not logged one by one (DecisionLogging.Changes), per reason, until the run's line.
    private readonly Dictionary<string, int> _counted = new(StringComparer.Ordinal);

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
        _lines.Write(
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
                json.WriteString("id", JsonLines.Cut(item.Decision.ResourceId));
                json.WriteString("action", Names.Of(item.Decision.Action));
                json.WriteString("outcome", Names.Of(item.Status));
                json.WriteString("reason", JsonLines.Cut(item.Decision.Reason));
                json.WriteString("taskArn", JsonLines.Cut(item.Decision.TaskArn));
                json.WriteString("errorCode", JsonLines.Cut(item.ErrorCode));
            });
        _lines.Flush();
    }

    /// <summary>One SQS message that was not acted on (rejected or ignored), by its message id.</summary>
    public void WriteMessage(string messageId, string level, string message, string detail, bool dryRun)
    {
        _lines.Write(json =>
        {
            Header(json, level, message, null, dryRun);
            json.WriteString("messageId", messageId);
            json.WriteString("detail", detail);
        });
    }

    /// <summary>What happened to the sweep lease (taken, skipped, given back), with the holder it names.</summary>
    public void WriteLease(string level, string message, string lease, string detail, string? eventId, bool dryRun)
    {
        _lines.Write(json =>
        {
            Header(json, level, message, eventId, dryRun);
            json.WriteString("lease", lease);
            json.WriteString("detail", detail);
        });
        _lines.Flush();
    }

    /// <summary>The run's own line, each task's settlement, and the metrics (EMF).</summary>
    public void WriteRun(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteCounted(result);
        foreach (var task in result.Tasks)
        {
            _lines.Write(json =>
            {
                Header(json, task.Settled ? "info" : "error", "task", result.EventId, result.DryRun);
                json.WriteString("taskArn", task.TaskArn);
                json.WriteString("ecsState", task.EcsState);
                json.WriteBoolean("settled", task.Settled);
                json.WriteString("detail", task.Detail);
            });
        }

        _lines.Write(json =>
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
        MetricLines.Write(_lines, time.GetUtcNow().ToUnixTimeMilliseconds(), result, metrics);
        _lines.Flush();
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

        _lines.Write(json =>
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

    private void Header(Utf8JsonWriter json, string level, string message, string? eventId, bool dryRun)
    {
        json.WriteString("timestamp", _lines.Now());
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
}
