namespace Cleanup.Emulator;

/// <summary>Every request the emulator answered, in arrival order, for assertions on call counts and retries.</summary>
public sealed class CallLog
{
    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _calls = [];

    /// <summary>Requests received for <paramref name="operation"/>, including refused and fault-injected ones.</summary>
    public int Count(string operation)
    {
        lock (_gate)
        {
            return _calls.Count(c => c.Operation == operation);
        }
    }

    /// <summary>Requests for <paramref name="operation"/> answered with HTTP 200.</summary>
    public int Succeeded(string operation)
    {
        lock (_gate)
        {
            return _calls.Count(c => c.Operation == operation && c.StatusCode == 200);
        }
    }

    public IReadOnlyList<RecordedCall> All()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    internal void Record(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }
}
