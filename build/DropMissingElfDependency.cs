using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Removes DT_NEEDED entries naming libraries the system lacks from ELF64 shared libraries, when every symbol
/// taken from them is a lazily bound function (never called by DermLens): the library then loads without them.
/// Idempotent; does nothing where the system has the library, unless <see cref="Always"/> (files that will run on
/// other machines: publish, packages).
/// </summary>
public class DropMissingElfDependency : Task
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string[] Libraries { get; set; } = Array.Empty<string>();
    public bool Always { get; set; }

    const uint ShtDynamic = 6;
    const long DtNull = 0, DtNeeded = 1, DtFlags = 30, DtFlags1 = 0x6ffffffb;
    const long DfBindNow = 0x8, Df1Now = 0x1;

    static readonly string[] LibraryFolders =
    {
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    };

    public override bool Execute()
    {
        var missing = Always ? Libraries : Libraries.Where(library => !LibraryFolders.Any(folder => File.Exists(Path.Combine(folder, library)))).ToArray();
        if (missing.Length == 0) return true;
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            var bytes = File.ReadAllBytes(path);
            var dropped = Drop(bytes, missing);
            if (dropped.Length == 0) continue;
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, bytes);
            // Delete, then move: never write through a hard link into the NuGet cache.
            File.Delete(path);
            File.Move(temp, path);
            Log.LogMessage(MessageImportance.High,
                $"Dropped the dependency on {string.Join(", ", dropped)} from {path} ({(Always ? "it runs on other machines" : "the system lacks it")}; only its GUI functions use it).");
        }
        return true;
    }

    /// <summary>Rewrites the dynamic section without the named DT_NEEDED entries, padding its end with DT_NULL.</summary>
    static string[] Drop(byte[] elf, string[] libraries)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2) return Array.Empty<string>();
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int sh = (int)(shoff + (long)i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtDynamic) continue;
            int offset = (int)BitConverter.ToInt64(elf, sh + 0x18);
            int count = (int)(BitConverter.ToInt64(elf, sh + 0x20) / 16);
            int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
            long strtab = BitConverter.ToInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);

            var entries = Enumerable.Range(0, count)
                .Select(e => (Tag: BitConverter.ToInt64(elf, offset + e * 16), Value: BitConverter.ToInt64(elf, offset + e * 16 + 8)))
                .TakeWhile(e => e.Tag != DtNull).ToList();
            // Bound at load time, a missing function would fail the load anyway; leave such a library alone.
            if (entries.Any(e => (e.Tag == DtFlags && (e.Value & DfBindNow) != 0) || (e.Tag == DtFlags1 && (e.Value & Df1Now) != 0)))
                return Array.Empty<string>();
            var dropped = entries.Where(e => e.Tag == DtNeeded && libraries.Contains(ReadCString(elf, strtab + e.Value)))
                .Select(e => ReadCString(elf, strtab + e.Value)).ToArray();
            if (dropped.Length == 0) return dropped;
            var kept = entries.Where(e => !(e.Tag == DtNeeded && dropped.Contains(ReadCString(elf, strtab + e.Value)))).ToList();
            for (int e = 0; e < count; e++)
            {
                var (tag, value) = e < kept.Count ? kept[e] : (DtNull, 0L);
                BitConverter.GetBytes(tag).CopyTo(elf, offset + e * 16);
                BitConverter.GetBytes(value).CopyTo(elf, offset + e * 16 + 8);
            }
            return dropped;
        }
        return Array.Empty<string>();
    }

    static string ReadCString(byte[] bytes, long start)
    {
        long end = start;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }
}
