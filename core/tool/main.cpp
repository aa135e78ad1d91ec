// fieldbook-tool entry point; the commands are in tool.cpp (library fb_toolcmd).
#include "tool.h"

int main(int argc, char** argv)
{
    return fb::tool::run(argc, argv);
}
