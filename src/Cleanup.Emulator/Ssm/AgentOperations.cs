using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>
/// The two calls amazon-ssm-agent makes on its own behalf (absent from the public model): RegisterManagedInstance
/// and UpdateInstanceInformation. Refusal codes are inferred: InvalidActivation for an unknown or deleted
/// activation, a wrong code or an exhausted registration limit; ActivationExpired for an expired one.
/// </summary>
internal sealed class AgentOperations(SsmState state, EmulatorOptions options)
{
    public JsonObject Register(RequestInput input)
    {
        var code = input.String("ActivationCode", required: true, min: 20, max: 250, sensitive: true);
        var activationId = input.String("ActivationId", required: true, pattern: SsmModel.ActivationIdPattern);
        input.String("PublicKey");
        input.String("PublicKeyType");
        input.String("Fingerprint");
        input.ThrowIfInvalid();

        lock (state.Gate)
        {
            var now = options.Clock.GetUtcNow();
            if (!state.ActivationRecords.TryGetValue(activationId!, out var activation) || !SameCode(activation.ActivationCode, code!))
            {
                // One message for both cases, so the answer does not reveal which activation ids exist.
                throw new AwsErrorException("InvalidActivation", "The activation isn't valid or the ActivationId and ActivationCode don't match.");
            }

            if (activation.IsExpired(now))
            {
                throw new AwsErrorException("ActivationExpired", $"Activation {activationId} has expired.");
            }

            if (activation.RegistrationsCount >= activation.RegistrationLimit)
            {
                throw new AwsErrorException("InvalidActivation", $"Activation {activationId} has reached its registration limit.");
            }

            activation.RegistrationsCount++;
            var node = new NodeRecord
            {
                Sequence = state.NextSequence(),
                InstanceId = state.NewInstanceId("mi-"),
                ResourceType = SsmState.ManagedInstance,
                Name = activation.DefaultInstanceName,
                ActivationId = activation.ActivationId,
                IamRole = activation.IamRole,
                RegistrationDate = now,
            };
            // Documented: the activation's tags are applied to the nodes that register with it.
            foreach (var (key, value) in activation.Tags.Take(SsmModel.MaxTagsPerResource))
            {
                node.Tags[key] = value;
            }

            state.NodeRecords.Add(node.InstanceId, node);
            return new JsonObject { ["InstanceId"] = node.InstanceId };
        }
    }

    public JsonObject UpdateInstanceInformation(RequestInput input)
    {
        var id = input.String("InstanceId", required: true, pattern: SsmModel.InstanceIdPattern);
        var fields = new
        {
            AgentName = input.String("AgentName"),
            AgentVersion = input.String("AgentVersion"),
            PlatformType = input.String("PlatformType"),
            PlatformName = input.String("PlatformName"),
            PlatformVersion = input.String("PlatformVersion"),
            IPAddress = input.String("IPAddress", min: 1, max: 46),
            ComputerName = input.String("ComputerName", min: 1, max: 255),
            AvailabilityZone = input.String("AvailabilityZone"),
        };
        input.String("AgentStatus");
        input.String("AvailabilityZoneId");
        input.ThrowIfInvalid();

        lock (state.Gate)
        {
            if (!state.NodeRecords.TryGetValue(id!, out var node))
            {
                throw new AwsErrorException("InvalidInstanceId", $"Instance id {id} is not valid.");
            }

            node.LastPingDateTime = options.Clock.GetUtcNow();
            node.AgentName = fields.AgentName ?? node.AgentName;
            node.AgentVersion = fields.AgentVersion ?? node.AgentVersion;
            node.PlatformType = fields.PlatformType ?? node.PlatformType;
            node.PlatformName = fields.PlatformName ?? node.PlatformName;
            node.PlatformVersion = fields.PlatformVersion ?? node.PlatformVersion;
            node.IPAddress = fields.IPAddress ?? node.IPAddress;
            node.ComputerName = fields.ComputerName ?? node.ComputerName;
            node.AvailabilityZone = fields.AvailabilityZone ?? node.AvailabilityZone;
        }

        return [];
    }

    private static bool SameCode(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
