using System.Text.Json;
using System.Text.Json.Serialization;

namespace DermLens.Imaging;

/// <summary>
/// Reads an <see cref="InputSize"/> from a number (a square side, as every config.json before non-square inputs has it)
/// or from its text ("150x200"); writes a square as a number, so older DermLens still reads it, and the rest as text.
/// </summary>
public sealed class InputSizeJsonConverter : JsonConverter<InputSize>
{
    public override InputSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.TokenType switch
            {
                JsonTokenType.Number when reader.TryGetInt32(out var side) => InputSize.Square(side),
                JsonTokenType.String => InputSize.Parse(reader.GetString()!, "imageSize"),
                _ => throw new JsonException("imageSize must be a whole number or a string such as \"150x200\"."),
            };
        }
        catch (DermLensException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, InputSize value, JsonSerializerOptions options)
    {
        if (value.IsSquare) writer.WriteNumberValue(value.Height);
        else writer.WriteStringValue(value.ToString());
    }
}
