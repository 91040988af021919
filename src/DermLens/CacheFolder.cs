namespace DermLens;

/// <summary>Where DermLens keeps files it derives once and reuses, such as converted pretrained weights: $DERMLENS_CACHE, else ~/.cache/dermlens.</summary>
public static class CacheFolder
{
    /// <summary>The cache folder's full path; it may not exist yet.</summary>
    public static string Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("DERMLENS_CACHE");
            if (!string.IsNullOrWhiteSpace(configured)) return System.IO.Path.GetFullPath(configured);
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrWhiteSpace(xdg)
                ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return System.IO.Path.Combine(root, "dermlens");
        }
    }
}
