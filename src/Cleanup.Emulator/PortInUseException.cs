using System.Net;

namespace Cleanup.Emulator;

/// <summary>The emulator's port is taken on its address: something else listens there.</summary>
public sealed class PortInUseException : IOException
{
    public PortInUseException(IPAddress host, int port, Exception? inner = null)
        : base($"port {port} on {host} is already in use", inner)
    {
        Host = host;
        Port = port;
    }

    public IPAddress Host { get; }

    public int Port { get; }
}
