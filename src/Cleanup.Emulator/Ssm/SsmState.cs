using System.Security.Cryptography;
using Cleanup.Emulator.Ssm;

namespace Cleanup.Emulator;

/// <summary>
/// Everything the SSM emulator knows: activations, managed nodes and Parameter Store. One lock guards it all; the public members
/// return snapshots so tests can assert without racing the HTTP handlers.
/// </summary>
public sealed class SsmState
{
    internal const string ManagedInstance = "ManagedInstance";
    internal const string Ec2Instance = "EC2Instance";

    private long _sequence;

    internal SsmState(EmulatorOptions options) => Options = options;

    internal Lock Gate { get; } = new();

    internal EmulatorOptions Options { get; }

    internal Dictionary<string, ActivationRecord> ActivationRecords { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, NodeRecord> NodeRecords { get; } = new(StringComparer.Ordinal);

    /// <summary>Keyed by the name without its leading slash (see <see cref="ParameterName"/>).</summary>
    internal Dictionary<string, ParameterRecord> ParameterRecords { get; } = new(StringComparer.Ordinal);

    /// <summary>Registered nodes (deregistered ones are gone), in registration order.</summary>
    public IReadOnlyList<EmulatedNode> Nodes()
    {
        lock (Gate)
        {
            return [.. NodeRecords.Values.OrderBy(n => n.Sequence).Select(n => n.Snapshot())];
        }
    }

    /// <summary>Activations not deleted (expired ones included), in creation order.</summary>
    public IReadOnlyList<EmulatedActivation> Activations()
    {
        lock (Gate)
        {
            return [.. ActivationRecords.Values.OrderBy(a => a.Sequence).Select(a => a.Snapshot())];
        }
    }

    /// <summary>Parameters not deleted, each as its latest version, in creation order.</summary>
    public IReadOnlyList<EmulatedParameter> Parameters()
    {
        lock (Gate)
        {
            return [.. ParameterRecords.Values.OrderBy(p => p.Sequence).Select(p => p.Snapshot())];
        }
    }

    /// <summary>Places a node directly, as if registered outside the code under test.</summary>
    public EmulatedNode AddNode(NewNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.ResourceType is not (ManagedInstance or Ec2Instance))
        {
            throw new ArgumentException("ResourceType must be ManagedInstance or EC2Instance.", nameof(node));
        }

        lock (Gate)
        {
            var id = node.InstanceId ?? NewInstanceId(node.ResourceType == Ec2Instance ? "i-" : "mi-");
            if (NodeRecords.ContainsKey(id))
            {
                throw new ArgumentException($"Node {id} already exists.", nameof(node));
            }

            var record = new NodeRecord
            {
                Sequence = NextSequence(),
                InstanceId = id,
                ResourceType = node.ResourceType,
                Name = node.Name,
                ActivationId = node.ActivationId,
                IamRole = node.IamRole,
                RegistrationDate = node.RegistrationDate ?? Options.Clock.GetUtcNow(),
                LastPingDateTime = node.LastPingDateTime,
                IPAddress = node.IPAddress,
                ComputerName = node.ComputerName,
                AgentVersion = node.AgentVersion,
                PlatformType = node.PlatformType,
                AssociationStatus = node.AssociationStatus,
            };
            foreach (var (key, value) in node.Tags ?? new Dictionary<string, string>())
            {
                record.Tags[key] = value;
            }

            NodeRecords.Add(id, record);
            return record.Snapshot();
        }
    }

    /// <summary>Creation order for listings and page tokens; callers hold <see cref="Gate"/>.</summary>
    internal long NextSequence() => ++_sequence;

    /// <summary>mi- (or i-) followed by 17 lowercase hex digits, unique within this emulator.</summary>
    internal string NewInstanceId(string prefix)
    {
        string id;
        do
        {
            id = prefix + RandomNumberGenerator.GetHexString(17, lowercase: true);
        }
        while (NodeRecords.ContainsKey(id));

        return id;
    }
}
