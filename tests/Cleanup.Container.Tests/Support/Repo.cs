namespace Cleanup.Container.Tests.Support;

/// <summary>Finds files of the repository (src/container/, README.md) from the test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Entrypoint => Path("src/container/ssm-entrypoint.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Cleanup.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cleanup.sln not found above " + AppContext.BaseDirectory);
    }
}
