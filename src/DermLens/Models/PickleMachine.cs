using System.Numerics;
using System.Text;

namespace DermLens.Models;

/// <summary>A global that a pickle names (module and name), such as collections.OrderedDict or torch.FloatStorage.</summary>
/// <param name="Module">The Python module.</param>
/// <param name="Name">The name inside it.</param>
sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>
/// Runs the pickle opcodes (protocols 0-2, as Python 2 and 3 write them) that PyTorch's legacy torch.save format
/// uses for a state dict, reading exactly one pickle from the stream, so that what follows it can be read next.
/// Dicts become Dictionary&lt;object, object&gt;, lists List&lt;object&gt;, tuples object[], ints long or BigInteger;
/// persistent ids and calls (REDUCE) are handed to the caller.
/// </summary>
sealed class PickleMachine(BinaryReader input, Func<object, object> persistentLoad, Func<PickleGlobal, object[], object> call)
{
    static readonly object Mark = new();
    readonly List<object?> stack = [];
    readonly Dictionary<long, object?> memo = [];

    /// <summary>Reads one pickle, up to and including its STOP opcode, and returns its object.</summary>
    public object? Load()
    {
        stack.Clear();
        memo.Clear();
        while (true)
        {
            var opcode = (char)input.ReadByte();
            switch (opcode)
            {
                case '\x80': input.ReadByte(); break;                                   // PROTO
                case '.': return Pop();                                                  // STOP
                case '(': stack.Add(Mark); break;                                        // MARK
                case 'N': stack.Add(null); break;                                        // NONE
                case '\x88': stack.Add(true); break;                                     // NEWTRUE
                case '\x89': stack.Add(false); break;                                    // NEWFALSE
                case 'K': stack.Add((long)input.ReadByte()); break;                      // BININT1
                case 'M': stack.Add((long)input.ReadUInt16()); break;                    // BININT2
                case 'J': stack.Add((long)input.ReadInt32()); break;                     // BININT
                case '\x8a': stack.Add(Long(input.ReadBytes(input.ReadByte()))); break;  // LONG1
                case 'G': stack.Add(BitConverter.Int64BitsToDouble(BigEndianInt64(input.ReadBytes(8)))); break; // BINFLOAT
                case 'X': stack.Add(Encoding.UTF8.GetString(input.ReadBytes(input.ReadInt32()))); break;  // BINUNICODE
                case 'U': stack.Add(Encoding.Latin1.GetString(input.ReadBytes(input.ReadByte()))); break; // SHORT_BINSTRING
                case 'T': stack.Add(Encoding.Latin1.GetString(input.ReadBytes(input.ReadInt32()))); break; // BINSTRING
                case ')': stack.Add(Array.Empty<object?>()); break;                      // EMPTY_TUPLE
                case '\x85': stack.Add(new[] { Pop() }); break;                          // TUPLE1
                case '\x86': { var b = Pop(); var a = Pop(); stack.Add(new[] { a, b }); break; }             // TUPLE2
                case '\x87': { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new[] { a, b, c }); break; } // TUPLE3
                case 't': stack.Add(PopToMark().ToArray()); break;                       // TUPLE
                case ']': stack.Add(new List<object?>()); break;                         // EMPTY_LIST
                case 'a': { var item = Pop(); List().Add(item); break; }                 // APPEND
                case 'e': { var items = PopToMark(); List().AddRange(items); break; }    // APPENDS
                case '}': stack.Add(new Dictionary<object, object?>()); break;           // EMPTY_DICT
                case 's': { var value = Pop(); var key = Pop()!; Dict()[key] = value; break; } // SETITEM
                case 'u':                                                                // SETITEMS
                {
                    var items = PopToMark();
                    var dict = Dict();
                    for (var i = 0; i + 1 < items.Count; i += 2) dict[items[i]!] = items[i + 1];
                    break;
                }
                case 'q': memo[input.ReadByte()] = stack[^1]; break;                     // BINPUT
                case 'r': memo[input.ReadUInt32()] = stack[^1]; break;                   // LONG_BINPUT
                case 'h': stack.Add(memo[input.ReadByte()]); break;                      // BINGET
                case 'j': stack.Add(memo[input.ReadUInt32()]); break;                    // LONG_BINGET
                case 'c': stack.Add(new PickleGlobal(Line(), Line())); break;            // GLOBAL
                case 'Q': stack.Add(persistentLoad(Pop()!)); break;                      // BINPERSID
                case 'R':                                                                // REDUCE
                {
                    var args = (object?[])Pop()!;
                    stack.Add(call((PickleGlobal)Pop()!, args!));
                    break;
                }
                case 'b': Pop(); break;                                                  // BUILD: instance state (a state dict's _metadata), not needed
                default:
                    throw new InvalidDataException($"pickle opcode 0x{(int)opcode:x2} at byte {input.BaseStream.Position - 1} is not one a state dict uses");
            }
        }
    }

    object? Pop()
    {
        var top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    List<object?> PopToMark()
    {
        var mark = stack.LastIndexOf(Mark);
        if (mark < 0) throw new InvalidDataException("pickle has no MARK to close");
        var items = stack.GetRange(mark + 1, stack.Count - mark - 1);
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    List<object?> List() => stack[^1] as List<object?> ?? throw new InvalidDataException("pickle appends to something that is not a list");

    Dictionary<object, object?> Dict() => stack[^1] as Dictionary<object, object?> ?? throw new InvalidDataException("pickle sets an item of something that is not a dict");

    string Line()
    {
        var bytes = new List<byte>();
        for (var b = input.ReadByte(); b != '\n'; b = input.ReadByte()) bytes.Add(b);
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    static object Long(byte[] littleEndian)
    {
        var value = new BigInteger(littleEndian, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    static long BigEndianInt64(byte[] bigEndian) => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bigEndian);
}
