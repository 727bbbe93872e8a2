namespace Cleanup.Tests.Support;

/// <summary>Finds files of the repository (events/, template.yaml) from the test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static byte[] Event(string name) => File.ReadAllBytes(Path($"events/{name}"));

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
