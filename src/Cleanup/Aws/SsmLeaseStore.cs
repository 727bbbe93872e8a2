using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Lease;

namespace Cleanup.Aws;

/// <summary>The sweep lease's adapter: one SSM String parameter (Parameter Store's standard tier, no charge).</summary>
public sealed class SsmLeaseStore(IAmazonSimpleSystemsManagement ssm) : ILeaseStore
{
    public Task<StoredLease?> ReadAsync(string name, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            try
            {
                var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name }, cancellationToken);
                var parameter = response.Parameter;
                return new StoredLease(
                    parameter.Value ?? string.Empty,
                    parameter.Version ?? 0,
                    // Expiry is judged from this date alone: without it no lease can be shown to have ended.
                    SsmMapping.Utc(parameter.LastModifiedDate) ?? throw new Inventory.RegistryException("InvalidResponse", $"SSM answered GetParameter {name} without LastModifiedDate"));
            }
            catch (ParameterNotFoundException)
            {
                // The template creates it; a missing one (a wrong name, or deleted by hand) is never created by a
                // sweep (SweepLease.AcquireAsync), and the run fails.
                return (StoredLease?)null;
            }
        }, cancellationToken);

    public Task<long?> WriteAsync(string name, string value, bool overwrite, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            try
            {
                var response = await ssm.PutParameterAsync(
                    new PutParameterRequest { Name = name, Value = value, Type = ParameterType.String, Overwrite = overwrite },
                    cancellationToken);
                return response.Version;
            }
            catch (ParameterAlreadyExistsException) when (!overwrite)
            {
                return (long?)null;
            }
            catch (TooManyUpdatesException)
            {
                // SSM refuses a write while another one to the same parameter is under way: another sweep is
                // writing its claim this very moment, which is a lost race, not a failure.
                return (long?)null;
            }
        }, cancellationToken);
}
