-- Put the JS-decoded text of a file that is not valid UTF-8 in place. Parameters: $file, $content.
UPDATE texts SET content = $content WHERE filename = $file;
