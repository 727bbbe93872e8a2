namespace Cleanup.Emulator;

public sealed class EmulatorOptions
{
    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>Drives every timestamp and expiry decision; pass a <see cref="ManualClock"/> to control time in tests.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long after its last ping a node still counts as Online (real agents ping about every 5 minutes).</summary>
    public TimeSpan ConnectionLostAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }
}
